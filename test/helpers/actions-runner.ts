/**
 * A port of how the GitHub Actions runner reads a step's output (actions/runner:
 * src/Runner.Common/ActionCommand.cs TryParseV2 and the legacy `##[` TryParse;
 * src/Runner.Worker/ActionCommandManager.cs TryProcessCommand with its stop-commands state), so
 * tests can list every workflow command a given output would trigger.
 *
 * Deliberately more eager than the runner: lines are split on \r, \n and \r\n (StreamReader
 * ReadLine), and characters .NET's culture-aware StartsWith/IndexOf may ignore (format and control
 * characters, variation selectors…) are dropped before matching, so anything the real runner
 * could parse, this parses too.
 */

export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly data: string;
  /** 1-based line of the output. */
  readonly line: number;
}

const COMMANDS = [
  "set-env", "set-output", "save-state", "add-mask", "add-path", "add-matcher", "remove-matcher",
  "debug", "warning", "error", "notice", "group", "endgroup", "echo",
];
const STOP = "stop-commands";
const IGNORABLE = /[\p{Cc}\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]/gu;
// .NET char.IsWhiteSpace: Unicode Zs, Zl, Zp, and \t \n \v \f \r \x85 \xa0.
const LEADING_WHITE = /^[\p{Zs}\p{Zl}\p{Zp}\t\n\v\f\r\u0085\u00a0]+/u;

function unescape(text: string, pairs: readonly [string, string][]): string {
  let out = text;
  for (const [token, replacement] of pairs) out = out.split(replacement).join(token);
  return out;
}

const DATA: [string, string][] = [["\r", "%0D"], ["\n", "%0A"], ["%", "%25"]];
const PROPERTY: [string, string][] = [["\r", "%0D"], ["\n", "%0A"], [":", "%3A"], [",", "%2C"], ["%", "%25"]];
const LEGACY: [string, string][] = [[";", "%3B"], ["\r", "%0D"], ["\n", "%0A"], ["]", "%5D"], ["%", "%25"]];

type Parsed = { command: string; properties: Record<string, string>; data: string };

function commandName(info: string): string {
  const space = info.indexOf(" ");
  return space < 0 ? info : info.slice(0, space);
}

function properties(text: string, separator: string, pairs: readonly [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of text.split(separator).filter((p) => p !== "")) {
    const eq = item.indexOf("=");
    // C# Split('=', 2, RemoveEmptyEntries): "=x" gives one part, "a=" gives one part.
    if (eq <= 0 || eq === item.length - 1) continue;
    out[item.slice(0, eq).toLowerCase()] = unescape(item.slice(eq + 1), pairs);
  }
  return out;
}

function tryParseV2(line: string, registered: ReadonlySet<string>): Parsed | undefined {
  const message = line.replace(LEADING_WHITE, "");
  if (!message.startsWith("::")) return undefined;
  const end = message.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const command = commandName(info);
  if (!registered.has(command.toLowerCase())) return undefined;
  const space = info.indexOf(" ");
  const props = space > 0 ? properties(info.slice(space + 1).trim(), ",", PROPERTY) : {};
  return { command, properties: props, data: unescape(message.slice(end + 2), DATA) };
}

function tryParseLegacy(line: string, registered: ReadonlySet<string>): Parsed | undefined {
  const prefix = line.indexOf("##[");
  if (prefix < 0) return undefined;
  const rb = line.indexOf("]", prefix);
  if (rb < 0) return undefined;
  const info = line.slice(prefix + 3, rb);
  const command = commandName(info);
  if (!registered.has(command.toLowerCase())) return undefined;
  const space = info.indexOf(" ");
  const props = space > 0 ? properties(info.slice(space + 1), ";", LEGACY) : {};
  return { command, properties: props, data: unescape(line.slice(rb + 1), LEGACY) };
}

/** Every command the runner would process for this output, in order (stop and resume included). */
export function workflowCommands(output: string): WorkflowCommand[] {
  const registered = new Set([STOP, ...COMMANDS]);
  let stopToken: string | null = null;
  const processed: WorkflowCommand[] = [];
  output.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.replace(IGNORABLE, "");
    if (line === "") return;
    const parsed = tryParseV2(line, registered) ?? tryParseLegacy(line, registered);
    if (!parsed) return;
    const name = parsed.command.toLowerCase();
    if (stopToken !== null) {
      if (stopToken !== "" && name === stopToken.toLowerCase()) {
        registered.delete(stopToken.toLowerCase());
        stopToken = null;
        processed.push({ ...parsed, line: index + 1 });
      }
      return;
    }
    if (name === STOP) {
      stopToken = parsed.data;
      registered.add(parsed.data.toLowerCase());
    }
    processed.push({ ...parsed, line: index + 1 });
  });
  return processed;
}
