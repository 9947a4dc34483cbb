import { type LogEntry, parseLogEntries } from "./task-log.js";
import type { FrontmatterData, JsonValue } from "./task.js";

/**
 * Task events from git history. Pure: takes parsed commits (newest first, as git prints them) and
 * a function that reads a blob's frontmatter and body; returns every task's events in time order.
 * Who and when come from git (author, committer date), never from text inside the commit or the
 * file; dates in the future are clamped to now.
 */

export interface Revision {
  readonly data: FrontmatterData;
  readonly body: string;
}

export interface HistoryChange {
  readonly status: string;
  readonly path: string;
  readonly oldBlob: string | null;
  readonly newBlob: string | null;
}

export interface HistoryCommit {
  readonly hash: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly committerDate: string;
  readonly subject: string;
  readonly actions: readonly string[];
  /** The override a forced `done` recorded in its trailers (`Task-Override:`, `Task-Review-Override:`). */
  readonly override?: { readonly reason: string; readonly reviewer: string | null } | null;
  readonly changes: readonly HistoryChange[];
  /** Only when history was read with commit details: branch names at the commit, its message body, every path it changed. */
  readonly refs?: readonly string[];
  readonly body?: string;
  readonly files?: readonly string[];
}

interface EventBase {
  readonly id: string;
  readonly path: string;
  /** Committer date, ISO, clamped to now. */
  readonly at: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly commit: string;
  readonly subject: string;
  /** The `Task-Action:` trailer of the commit, when the tool made it. */
  readonly action: string | null;
  /** The commit's override trailers, on the events of a commit that has them (a forced `done`). */
  readonly override?: { readonly reason: string; readonly reviewer: string | null };
}

export type TaskEvent =
  | (EventBase & { readonly kind: "created"; readonly data: FrontmatterData })
  | (EventBase & { readonly kind: "changed"; readonly field: string; readonly from: JsonValue | undefined; readonly to: JsonValue | undefined })
  | (EventBase & { readonly kind: "log"; readonly entry: LogEntry })
  | (EventBase & { readonly kind: "deleted" });

export type ReadRevision = (blob: string, path: string) => Revision | undefined;

function same(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function clamp(iso: string, now: Date): string {
  const time = Date.parse(iso);
  // Same shape as git's %cI (second precision), so JSON consumers see one date format.
  const nowIso = now.toISOString().replace(/\.\d{3}Z$/, "+00:00");
  if (Number.isNaN(time)) return nowIso;
  return time > now.getTime() ? nowIso : iso;
}

function newLogEntries(before: Revision | undefined, after: Revision): LogEntry[] {
  const seen = new Map<string, number>();
  for (const entry of before ? parseLogEntries(before.body) : []) {
    const key = `${entry.stamp}|${entry.who}|${entry.text}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return parseLogEntries(after.body).filter((entry) => {
    const key = `${entry.stamp}|${entry.who}|${entry.text}`;
    const count = seen.get(key) ?? 0;
    if (count > 0) {
      seen.set(key, count - 1);
      return false;
    }
    return true;
  });
}

function idOf(revision: Revision | undefined): string | undefined {
  const id = revision?.data.id;
  return typeof id === "string" ? id : undefined;
}

/** What changed between two readable versions of a file: fields first, then new log entries. */
function diffEvents(where: EventBase, before: Revision, after: Revision): TaskEvent[] {
  const events: TaskEvent[] = [];
  const keys = new Set([...Object.keys(before.data), ...Object.keys(after.data)]);
  for (const field of keys) {
    const from = before.data[field];
    const to = after.data[field];
    if (!same(from, to)) events.push({ ...where, kind: "changed", field, from, to });
  }
  for (const entry of newLogEntries(before, after)) events.push({ ...where, kind: "log", entry });
  return events;
}

/**
 * Files moved within one commit: a deleted file and an added one that carry the same id (a
 * `git mv`, maybe rewritten in the same commit, where git's rename detection gives up). The move
 * is a change of that task, not an end and a birth. An id deleted or added more than once in the
 * commit is not a move.
 */
function movesIn(commit: HistoryCommit, read: ReadRevision, lastRead: ReadonlyMap<string, Revision>): Map<string, { path: string; from: Revision }> {
  const deleted = new Map<string, { path: string; from: Revision } | null>();
  const added = new Map<string, number>();
  for (const change of commit.changes) {
    if (change.newBlob === null && change.oldBlob) {
      const from = read(change.oldBlob, change.path) ?? lastRead.get(change.path);
      const id = idOf(from);
      if (id !== undefined && from) deleted.set(id, deleted.has(id) ? null : { path: change.path, from });
    } else if (change.oldBlob === null && change.newBlob) {
      const id = idOf(read(change.newBlob, change.path));
      if (id !== undefined) added.set(id, (added.get(id) ?? 0) + 1);
    }
  }
  const moves = new Map<string, { path: string; from: Revision }>();
  for (const [id, move] of deleted) if (move && added.get(id) === 1) moves.set(id, move);
  return moves;
}

export function buildTaskEvents(commits: readonly HistoryCommit[], read: ReadRevision, now: Date): TaskEvent[] {
  const events: TaskEvent[] = [];
  // The last readable version of each path: a version that cannot be read (conflict markers, say)
  // is compared through, so its repair is neither a creation nor a replay of the whole log.
  const lastRead = new Map<string, Revision>();
  for (let c = commits.length - 1; c >= 0; c--) {
    const commit = commits[c] as HistoryCommit;
    const base = {
      at: clamp(commit.committerDate, now),
      authorName: commit.authorName,
      authorEmail: commit.authorEmail,
      commit: commit.hash,
      subject: commit.subject,
      action: commit.actions[0] ?? null,
      ...(commit.override ? { override: commit.override } : {}),
    };
    const moves = movesIn(commit, read, lastRead);
    for (const change of commit.changes) {
      const addedAs = change.oldBlob === null && change.newBlob ? read(change.newBlob, change.path) : undefined;
      const movedFrom = addedAs ? moves.get(idOf(addedAs) as string)?.from : undefined;
      const before = change.oldBlob ? (read(change.oldBlob, change.path) ?? lastRead.get(change.path)) : movedFrom;
      const after = addedAs ?? (change.newBlob ? read(change.newBlob, change.path) : undefined);
      if (after) lastRead.set(change.path, after);
      else if (change.newBlob === null) lastRead.delete(change.path);
      const id = idOf(after) ?? idOf(before);
      if (id === undefined) continue;
      const where = { ...base, id, path: change.path };
      if (!after) {
        if (change.newBlob === null && moves.get(id)?.path !== change.path) events.push({ ...where, kind: "deleted" });
      } else if (before) {
        events.push(...diffEvents(where, before, after));
      } else if (change.oldBlob === null) {
        events.push({ ...where, kind: "created", data: after.data });
        for (const entry of newLogEntries(undefined, after)) events.push({ ...where, kind: "log", entry });
      }
    }
  }
  return events;
}

export function eventsByTask(events: readonly TaskEvent[]): Map<string, TaskEvent[]> {
  const map = new Map<string, TaskEvent[]>();
  for (const event of events) {
    const list = map.get(event.id);
    if (list) list.push(event);
    else map.set(event.id, [event]);
  }
  return map;
}
