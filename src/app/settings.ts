/**
 * The environment, read once: the only module that knows variable names. Everything downstream
 * receives typed settings.
 */

export interface Settings {
  /** `TASKS_NOW` pins the clock (ISO date-time) for tests and reproducible reports. */
  readonly pinnedNow: string | undefined;
  readonly debug: boolean;
  readonly noColor: boolean;
  readonly forceColor: boolean;
  /** `TERM=dumb`: a terminal that cannot show escape codes (Emacs shell buffers, some CI logs). */
  readonly dumbTerminal: boolean;
  readonly ci: boolean;
  readonly editor: string | undefined;
  /** The reader's time zone: `TZ`, else the machine's. */
  readonly zone: string;
  readonly githubActions: boolean;
  readonly githubStepSummary: string | undefined;
  /** ACTIONS_ALLOW_UNSECURE_COMMANDS: the runner obeys set-env and add-path (check warns). */
  readonly actionsAllowUnsecureCommands: boolean;
  readonly ceilingDirectories: readonly string[];
  /** `TASKS_NO_CACHE=1`: read every file and ask git everything, as on a fresh clone; write no cache. */
  readonly noCache: boolean;
  /** The environment handed to git child processes (filtered again by the git client). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

function flag(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}

export function parseSettings(env: Readonly<Record<string, string | undefined>>, machineZone: string): Settings {
  return {
    pinnedNow: env.TASKS_NOW || undefined,
    debug: flag(env.TASKS_DEBUG),
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== "",
    forceColor: flag(env.FORCE_COLOR),
    dumbTerminal: env.TERM === "dumb",
    ci: flag(env.CI),
    editor: env.VISUAL || env.EDITOR || undefined,
    zone: env.TZ && !env.TZ.startsWith(":") ? env.TZ : machineZone,
    githubActions: env.GITHUB_ACTIONS === "true",
    githubStepSummary: env.GITHUB_STEP_SUMMARY || undefined,
    actionsAllowUnsecureCommands: flag(env.ACTIONS_ALLOW_UNSECURE_COMMANDS),
    ceilingDirectories: (env.GIT_CEILING_DIRECTORIES ?? "").split(":").filter(Boolean),
    noCache: flag(env.TASKS_NO_CACHE),
    env,
  };
}

/**
 * Colour on stdout: `--no-color` and `NO_COLOR` always win; `FORCE_COLOR` turns it on even for a
 * pipe or a dumb terminal; otherwise only a terminal that is not `TERM=dumb` gets it.
 */
export function wantsColor(settings: Pick<Settings, "noColor" | "forceColor" | "dumbTerminal">, stdoutIsTTY: boolean, colorOption: boolean): boolean {
  if (!colorOption || settings.noColor) return false;
  return settings.forceColor || (stdoutIsTTY && !settings.dumbTerminal);
}
