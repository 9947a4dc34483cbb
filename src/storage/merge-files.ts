import { lstat, readFile, writeFile } from "node:fs/promises";
import { TasksError } from "../app/errors.js";

/**
 * The merge driver's files: the three temporary copies git hands it (`%O %A %B`) and the result,
 * written back into `%A`. They are git's own temp files, so they are plain files; anything else
 * (a link, a folder, something huge) is refused rather than followed.
 */

const MAX_MERGE_BYTES = 8 * 1024 * 1024;
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

async function assertPlainFile(path: string): Promise<void> {
  const stat = await lstat(path).catch(() => undefined);
  if (!stat || !stat.isFile()) throw new TasksError("USAGE", `merge-driver: ${path} is not a file`, { hint: "git runs this command itself; see docs/sync.md" });
  if (stat.size > MAX_MERGE_BYTES) throw new TasksError("FILE_TOO_LARGE", `merge-driver: ${path} is larger than 8 MiB`);
}

/** The file's text, or undefined when it is not UTF-8 (left for git to call a conflict). */
export async function readMergeInput(path: string): Promise<string | undefined> {
  await assertPlainFile(path);
  try {
    return decoder.decode(await readFile(path));
  } catch {
    return undefined;
  }
}

export async function writeMergeResult(path: string, text: string): Promise<void> {
  await assertPlainFile(path);
  await writeFile(path, text, "utf8");
}
