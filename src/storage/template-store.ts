import { constants } from "node:fs";
import { lstat, open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TasksError } from "../app/errors.js";
import type { TemplateSource } from "../render/template-engine.js";

/**
 * Finds the template to render: `--template <file>` for a one-off, else the team's
 * `.tasks/templates/<name>.md`, else the built-in one shipped in the package's `templates/`.
 */

export const BUILTIN_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");
const MAX_BYTES = 64 * 1024;

async function readSmallFile(path: string, label: string): Promise<string | undefined> {
  try {
    const stat = await lstat(path);
    if (stat.isSymbolicLink()) throw new TasksError("TEMPLATE_ERROR", `template ${label} is a symbolic link; it is not read`);
    if (!stat.isFile()) throw new TasksError("TEMPLATE_ERROR", `template ${label} is not a file`);
    if (stat.size > MAX_BYTES) throw new TasksError("TEMPLATE_ERROR", `template ${label} is larger than 64 KiB`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    return new TextDecoder("utf-8", { fatal: false }).decode(await handle.readFile());
  } finally {
    await handle.close();
  }
}

export async function loadTemplate(root: string, name: string, override?: string): Promise<TemplateSource> {
  if (override !== undefined) {
    const text = await readSmallFile(override, override);
    if (text === undefined) throw new TasksError("TEMPLATE_ERROR", `template file ${override} does not exist`);
    return { name: override, text };
  }
  const team = join(root, ".tasks", "templates", `${name}.md`);
  const teamText = await readSmallFile(team, `.tasks/templates/${name}.md`);
  if (teamText !== undefined) return { name: `.tasks/templates/${name}.md`, text: teamText };
  const builtin = await readSmallFile(join(BUILTIN_DIR, `${name}.md`), `built-in ${name}.md`);
  if (builtin === undefined) throw new TasksError("INTERNAL", `built-in template ${name}.md is missing from the package`);
  return { name: `built-in ${name}.md`, text: builtin };
}
