import { buildTaskEvents, type HistoryCommit, type Revision, type TaskEvent } from "../domain/history.js";
import type { GitPort } from "../git/git.js";
import { logArguments, parseLog } from "../git/log-format.js";
import { splitFrontmatter } from "../storage/frontmatter.js";
import { decodeText, loadStrictYaml, parseFrontmatterSync } from "../storage/task-codec.js";
import type { Deps } from "./deps.js";
import { isTasksError } from "./errors.js";

/**
 * History, once: one `git log -z --raw` over the tasks folder (or given paths) for the window a
 * caller needs, one `cat-file --batch` for the file versions, and the pure event builder.
 * `tasks log`, `show`, the reports and the check all read history through here.
 */

export interface HistoryQuery {
  /** Only commits after this moment (`git log --since`); the whole past when absent. */
  readonly since?: Date;
  /** Repo-relative paths; the tasks folder when absent. */
  readonly paths?: readonly string[];
  /**
   * Read every commit of the window, not only those touching tasks, and keep each commit's body,
   * branch names and changed paths (handoff notes look for commits that mention a task). Task
   * events still come only from the task files. `paths` is ignored.
   */
  readonly commitDetails?: boolean;
  /** Read history from this commit (a full hash) instead of HEAD: the upstream's, say. */
  readonly rev?: string;
}

export interface History {
  readonly commits: readonly HistoryCommit[];
  readonly events: readonly TaskEvent[];
}

function isTaskFile(path: string, tasksDir: string): boolean {
  return path.startsWith(`${tasksDir}/`) && path.endsWith(".md");
}

export async function loadHistory(deps: Deps, query: HistoryQuery = {}): Promise<History> {
  const [repo, git] = await Promise.all([deps.repo(), deps.git()]);
  const detailed = query.commitDetails === true;
  const paths = detailed ? [] : (query.paths ?? [repo.config.tasksDir]).map((p) => `:(literal)${p}`);
  const range = { ...(query.since ? { since: query.since.toISOString() } : {}), ...(query.rev ? { rev: query.rev } : {}) };
  const output = await git.log(logArguments({ ...range, paths, detailed })).catch((error: unknown) => {
    // A repository before its first commit has no history yet; that is not a failure.
    if (isTasksError(error) && /does not have any commits yet/.test(error.message)) return "";
    throw error;
  });
  const commits = parseLog(output, { detailed }).map((commit) => ({
    ...commit,
    ...(detailed ? { files: commit.changes.map((change) => change.path) } : {}),
    changes: commit.changes.filter(
      (change) => change.path.endsWith(".md") && change.newMode !== "120000" && change.newMode !== "160000" && (!detailed || isTaskFile(change.path, repo.config.tasksDir)),
    ),
  }));
  const blobIds = commits.flatMap((c) => c.changes.flatMap((ch) => [ch.oldBlob, ch.newBlob])).filter((id): id is string => id !== null);
  const revisions = await readRevisions(git, blobIds);
  const events = buildTaskEvents(commits, (blob) => revisions.get(blob), deps.now());
  return { commits, events };
}

/** File versions by blob id, parsed; a version that cannot be read is left out. */
async function readRevisions(git: GitPort, blobIds: readonly string[]): Promise<Map<string, Revision>> {
  const blobs = await git.readBlobs(blobIds);
  let strict: Awaited<ReturnType<typeof loadStrictYaml>> | undefined;
  const revisions = new Map<string, Revision>();
  // The fast reader handles nearly every version; the strict parser is loaded only if one needs it.
  for (const id of new Set(blobIds)) {
    const bytes = blobs.get(id);
    if (!bytes) continue;
    const decoded = decodeText("", bytes);
    if ("problem" in decoded) continue;
    const split = splitFrontmatter(decoded.text);
    if (!split.ok) continue;
    let parsed = parseFrontmatterSync("", split.file, strict);
    if (parsed === undefined) {
      strict ??= await loadStrictYaml();
      parsed = parseFrontmatterSync("", split.file, strict);
    }
    if (parsed && !("problem" in parsed)) revisions.set(id, { data: parsed.data, body: split.file.body });
  }
  return revisions;
}

// A task renamed more often than this by hand keeps the history of its last names only.
const MAX_NAMES = 8;

/**
 * One task's events across the names its file has had. History is read by path, and the tool
 * never renames; a file renamed by hand (`git mv`, perhaps rewritten in the same commit, where
 * git's rename detection gives up: reliability.md S8) starts its path's history with an
 * addition. When the commit that added it also deleted a file carrying the same id, that file is
 * the task's earlier name, and its history is read too. A task the tool created (`Task-Action:
 * new`) costs nothing extra.
 */
export async function loadTaskHistory(deps: Deps, task: { readonly id: string; readonly path: string }): Promise<TaskEvent[]> {
  const paths = [task.path];
  for (;;) {
    const mine = (await loadHistory(deps, { paths })).events.filter((e) => e.id === task.id);
    const birth = mine.find((e) => e.kind === "created");
    if (birth === undefined || birth.action === "new" || paths.length >= MAX_NAMES) return mine;
    const earlier = await movedFrom(deps, birth.commit, task.id, paths);
    if (earlier === undefined) return mine;
    paths.push(earlier);
  }
}

/** The task file a commit deleted that carried `id`, if there is exactly one (not one already known). */
async function movedFrom(deps: Deps, commit: string, id: string, known: readonly string[]): Promise<string | undefined> {
  const [repo, git] = await Promise.all([deps.repo(), deps.git()]);
  const output = await git.log(logArguments({ rev: commit, maxCount: 1, paths: [`:(literal)${repo.config.tasksDir}`] }));
  const deleted = (parseLog(output, { detailed: false })[0]?.changes ?? []).filter(
    (change) => change.newBlob === null && change.oldBlob !== null && isTaskFile(change.path, repo.config.tasksDir) && !known.includes(change.path),
  );
  const revisions = await readRevisions(git, deleted.map((change) => change.oldBlob as string));
  const carrying = deleted.filter((change) => revisions.get(change.oldBlob as string)?.data.id === id);
  return carrying.length === 1 ? carrying[0]?.path : undefined;
}
