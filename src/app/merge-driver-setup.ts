import { fileURLToPath } from "node:url";
import { configValue } from "../git/work-state.js";
import type { Deps } from "./deps.js";

/**
 * The merge driver's registration in the clone's local git config (`merge.tasks.driver`), which
 * `.gitattributes` names for the tasks folder (`merge=tasks`). The command is the absolute path of
 * the node that runs this process and of this package's launcher, so it works however the tool was
 * installed (global, npx, the repository's node_modules) and needs nothing on PATH. git runs it
 * through the shell, so both paths are single-quoted.
 */

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function mergeDriverCommand(nodePath: string, launcher: string): string {
  return `${shellQuote(nodePath)} ${shellQuote(launcher)} merge-driver %O %A %B %P`;
}

export function currentDriverCommand(): string {
  return mergeDriverCommand(process.execPath, fileURLToPath(new URL("../../bin/tasks.cjs", import.meta.url)));
}

export type DriverRegistration = "registered" | "updated" | "unchanged";

/**
 * Writes the registration. `only-if-missing` leaves an existing one alone (sync must not flip a
 * clone between two installs); `always` makes it point at this install (init).
 */
export async function ensureMergeDriver(deps: Deps, mode: "always" | "only-if-missing"): Promise<DriverRegistration> {
  const git = await deps.git();
  const wanted = currentDriverCommand();
  const current = await configValue(git, "merge.tasks.driver");
  if (current === wanted || (current !== undefined && mode === "only-if-missing")) return "unchanged";
  await git.registerMergeDriver(wanted);
  return current === undefined ? "registered" : "updated";
}
