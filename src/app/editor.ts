import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TasksError } from "./errors.js";

/**
 * Opens the user's editor ($VISUAL, else $EDITOR) on a copy of a task file in a private temp
 * folder, and returns what was saved. The editor is the user's own setting, never repository
 * content; its command line is split on spaces (`code --wait` works) and run without a shell.
 */
export async function editInEditor(editor: string | undefined, fileName: string, text: string): Promise<{ text: string; cleanup: () => Promise<void>; path: string }> {
  if (!editor) {
    throw new TasksError("EDITOR_FAILED", "no editor is set", { hint: "set $EDITOR (e.g. export EDITOR=vim), or change fields with 'tasks set'" });
  }
  const dir = await mkdtemp(join(tmpdir(), "tasks-edit-"));
  const path = join(dir, fileName);
  await writeFile(path, text, { mode: 0o600 });
  const [command = "", ...args] = editor.trim().split(/\s+/);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, [...args, path], { stdio: "inherit" });
    child.on("error", (error) => reject(new TasksError("EDITOR_FAILED", `could not start the editor "${command}": ${error.message}`, { hint: "check $EDITOR" })));
    child.on("exit", (exitCode) => resolve(exitCode ?? 1));
  });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  if (code !== 0) {
    await cleanup();
    throw new TasksError("EDITOR_FAILED", `the editor exited with status ${code}; nothing was changed`);
  }
  return { text: await readFile(path, "utf8"), cleanup, path };
}
