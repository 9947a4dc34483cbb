import { renderJson } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import type { Deps } from "./deps.js";

/** Writes a command's result in the chosen mode. The only place results reach stdout. */
export async function emitResult(deps: Deps, result: CommandResult): Promise<void> {
  const mode = deps.mode();
  if (mode === "json") deps.out(renderJson(result.json));
  else if (mode === "plain") deps.out(result.plain);
  else {
    const style = await deps.style();
    deps.out(result.human({ width: deps.width(), style, now: deps.now(), zone: await deps.readerZone() }));
  }
  if (result.exitCode !== undefined) deps.exitCode = result.exitCode;
}
