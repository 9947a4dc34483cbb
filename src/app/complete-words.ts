import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { DEFAULT_CONFIG, statusNames } from "../domain/config.js";
import { loadConfig } from "../storage/config-store.js";
import { findRepo } from "../storage/repo-root.js";

/**
 * `tasks __complete <kind> [-C <dir>]`: the words shell completion offers for a task id, a
 * handle, a status or a priority, one per line. Run on every Tab, so it is reached from the
 * launcher without the command program, reads file names instead of parsing every task, and never
 * fails loudly: a broken repository completes nothing. The words come from files anyone can
 * commit and end up in a shell's completion machinery, so only plain names pass.
 */

export const COMPLETION_KINDS = ["ids", "handles", "statuses", "priorities"] as const;
type Kind = (typeof COMPLETION_KINDS)[number];

/** Letters, digits and . _ + @ -, not starting with a dash: nothing a shell expands or reads as an option. */
const SAFE_WORD = /^[A-Za-z0-9][A-Za-z0-9._+@-]{0,63}$/;
const MAX_FILES = 50_000;
const MAX_DEPTH = 8;

export interface CompleteSystem {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown };
}

/** The id part of task file names below the tasks folder: `k7m2q-fix-login.md` → k7m2q. */
export function idsInFolder(folder: string): string[] {
  const ids = new Set<string>();
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_FILES) return;
      const name = entry.name;
      if (name.startsWith(".")) continue;
      if (entry.isDirectory() && depth < MAX_DEPTH) walk(join(dir, name), depth + 1);
      else if (entry.isFile() && name.endsWith(".md") && name.toLowerCase() !== "readme.md") {
        const stem = name.slice(0, -3);
        const dash = stem.indexOf("-");
        ids.add(dash > 0 ? stem.slice(0, dash) : stem);
      }
    }
  };
  try {
    if (lstatSync(folder).isDirectory()) walk(folder, 0);
  } catch {
    // no tasks folder yet: no ids
  }
  return [...ids].filter((id) => /^[a-z0-9][a-z0-9_]{0,39}$/.test(id)).sort();
}

async function wordsFor(kind: Kind, start: string, env: CompleteSystem["env"]): Promise<string[]> {
  const repo = await findRepo(start, (env.GIT_CEILING_DIRECTORIES ?? "").split(":").filter(Boolean));
  const config = await loadConfig(repo.root, repo.gitDir).then(
    (loaded) => loaded.config,
    () => DEFAULT_CONFIG,
  );
  switch (kind) {
    case "ids":
      return idsInFolder(join(repo.root, ...config.tasksDir.split("/")));
    case "handles":
      return [...config.team.map((member) => member.handle), "me"];
    case "statuses":
      return statusNames(config);
    case "priorities":
      return [...config.priorities];
  }
}

export async function completeWords(args: readonly string[], system: CompleteSystem): Promise<number> {
  const [kind, flag, dir] = args;
  if (!(COMPLETION_KINDS as readonly string[]).includes(kind ?? "")) return 2;
  const start = flag === "-C" && dir ? resolve(system.cwd, dir) : system.cwd;
  let words: string[];
  try {
    words = await wordsFor(kind as Kind, start, system.env);
  } catch {
    return 0;
  }
  const safe = [...new Set(words)].filter((word) => SAFE_WORD.test(word));
  if (safe.length > 0) system.stdout.write(`${safe.join("\n")}\n`);
  return 0;
}
