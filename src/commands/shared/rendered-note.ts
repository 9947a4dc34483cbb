import { resolve } from "node:path";
import type { Command } from "commander";
import type { Deps } from "../../app/deps.js";
import type { CommandResult } from "../../render/output.js";
import { sanitizeText } from "../../render/sanitize.js";
import { renderTemplate, tidyNote } from "../../render/template-engine.js";
import { writeOutputFile } from "../../storage/safe-fs.js";
import { loadTemplate } from "../../storage/template-store.js";

/**
 * The rituals' shared output: a view model rendered through the team's template (or the built-in
 * one) into Markdown, shown through the sanitizer, optionally written to `--out`; `--json` prints
 * the model itself, the very object the template received.
 */

export type NoteName = "standup" | "handoff" | "weekly";

export interface NoteOptions {
  readonly template?: string;
  readonly out?: string;
}

export function addNoteOptions(command: Command): Command {
  return command
    .option("--template <file>", "render with this template instead of .tasks/templates/<name>.md or the built-in one")
    .option("--out <file>", "write the note to <file> (replaced atomically; never through a symbolic link)");
}

export function noteOptions(flags: { template?: string; out?: string }): NoteOptions {
  return { ...(flags.template !== undefined ? { template: flags.template } : {}), ...(flags.out !== undefined ? { out: flags.out } : {}) };
}

/** Is the Markdown needed at all? Not for `--json` alone. */
export function needsRendering(deps: Deps, options: NoteOptions): boolean {
  return deps.mode() !== "json" || options.out !== undefined;
}

export async function renderNote(deps: Deps, name: NoteName, model: object, options: NoteOptions): Promise<string> {
  const { root } = await deps.repo();
  const source = await loadTemplate(root, name, options.template === undefined ? undefined : resolve(deps.cwd(), options.template));
  const text = await renderTemplate(source, model as Record<string, unknown>, { now: deps.now(), zone: await deps.readerZone() });
  return sanitizeText(tidyNote(text));
}

/** Writes `--out` when asked and returns what the command prints. */
export async function noteResult(deps: Deps, model: object, text: string | undefined, options: NoteOptions): Promise<CommandResult> {
  if (options.out !== undefined && text !== undefined) {
    const target = resolve(deps.cwd(), options.out);
    await writeOutputFile(target, text);
    deps.note(`wrote ${options.out}`);
  }
  const shown = options.out === undefined ? (text ?? "") : "";
  return { json: model, plain: shown, human: () => shown };
}
