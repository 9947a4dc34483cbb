import { fileNameMatchesId } from "./ids.js";
import type { Problem, Task } from "./task.js";

/**
 * File names that will hurt someone: a name that does not start with its task's id (the tool
 * finds tasks by name), characters outside printable ASCII (look-alikes, bidi tricks, NFC/NFD
 * variants), names Windows cannot check out, and names that collide on a case-insensitive or
 * normalising file system (macOS, Windows), where one of the two files silently shadows the other.
 * Pure: takes repo-relative paths and the tasks read from them.
 */

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const WINDOWS_FORBIDDEN = /[<>:"\\|?*]/;
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

function problem(path: string, message: string, hint: string): Problem {
  return { path, line: 1, kind: "file-name", message, hint };
}

const RENAME_HINT = "rename it with git mv to <id>-<slug>.md (ASCII letters, digits and dashes)";

function segmentProblems(path: string): Problem[] {
  const problems: Problem[] = [];
  if (!PRINTABLE_ASCII.test(path)) problems.push(problem(path, "the path has characters outside printable ASCII", RENAME_HINT));
  for (const segment of path.split("/")) {
    const stem = segment.split(".")[0] ?? segment;
    if (RESERVED.test(stem)) problems.push(problem(path, `"${segment}" is a reserved name on Windows and cannot be checked out there`, RENAME_HINT));
    else if (WINDOWS_FORBIDDEN.test(segment) || /[. ]$/.test(segment)) {
      problems.push(problem(path, `"${segment}" cannot be checked out on Windows (reserved character, or a trailing dot or space)`, RENAME_HINT));
    }
  }
  return problems;
}

function collisionProblems(paths: readonly string[]): Problem[] {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const key = path.normalize("NFC").toLowerCase();
    const group = groups.get(key);
    if (group) group.push(path);
    else groups.set(key, [path]);
  }
  const problems: Problem[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const path of group) {
      for (const other of group) {
        if (other === path) continue;
        const how = other.normalize("NFC") === path.normalize("NFC") ? "is the same name after Unicode normalisation" : "differs only in letter case";
        problems.push(problem(path, `${how} from ${other}: one file hides the other on macOS and Windows`, "rename or merge one of the two"));
      }
    }
  }
  return problems;
}

export function fileNameProblems(paths: readonly string[], tasks: readonly Task[]): Problem[] {
  const problems = [...paths.flatMap(segmentProblems), ...collisionProblems(paths)];
  for (const task of tasks) {
    const name = task.path.split("/").pop() ?? task.path;
    if (fileNameMatchesId(name, task.id)) continue;
    problems.push(problem(task.path, `the file name does not start with the task's id ${task.id}`, `rename it: git mv ${task.path} ${task.path.slice(0, task.path.length - name.length)}${task.id}-….md`));
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
