import type { TaskEvent } from "./history.js";
import { fileNameMatchesId } from "./ids.js";
import { FIELD, type JsonValue } from "./task.js";

/**
 * `tasks renumber`: which of the files sharing an id keeps it, what the others are called after,
 * and which references meant which file. Pure; the shell supplies dates and ancestry from git.
 *
 * The task created first keeps the id: by its `created:` field, then by the date of the commit
 * that added its file, then by path. A file without either counts as the later one.
 */

export interface Holder {
  readonly path: string;
  readonly created: string | null;
  /** Committer date of the commit that added the file; null when it is not committed. */
  readonly addedAt: string | null;
}

function instant(value: string | null): number {
  const time = value === null ? Number.NaN : Date.parse(value);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/** The holders in keeping order: the first keeps the id, the rest are renumbered. */
export function orderHolders<H extends Holder>(holders: readonly H[]): H[] {
  return [...holders].sort((a, b) => instant(a.created) - instant(b.created) || instant(a.addedAt) - instant(b.addedAt) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `k7m2q-fix-login.md` → `p3x9t-fix-login.md`; a hand-made name that does not start with the id stays. */
export function renamedFileName(name: string, oldId: string, newId: string): string {
  return fileNameMatchesId(name, oldId) ? `${newId}${name.slice(oldId.length)}` : name;
}

/** The depends-on list with `oldId` replaced by `newId` (once, in place). */
export function replaceDependency(list: readonly JsonValue[], oldId: string, newId: string): JsonValue[] {
  return list.map((item) => (item === oldId ? newId : item)).filter((item, i, all) => all.indexOf(item) === i);
}

/**
 * The commit in which `taskId`'s depends-on last gained `dependency` (created with it, or changed
 * to include it); undefined when history has none (an uncommitted edit, a shallow clone).
 */
export function referenceCommit(events: readonly TaskEvent[], taskId: string, dependency: string): string | undefined {
  let commit: string | undefined;
  const has = (value: JsonValue | undefined): boolean => Array.isArray(value) && value.includes(dependency);
  for (const event of events) {
    if (event.id !== taskId) continue;
    if (event.kind === "created" && has(event.data[FIELD.dependsOn])) commit = event.commit;
    else if (event.kind === "changed" && event.field === FIELD.dependsOn && has(event.to) && !has(event.from)) commit = event.commit;
  }
  return commit;
}

/**
 * Which file a reference meant, from the files that existed where it was written (`visible`):
 * of those, the one added last along history (a rebase replays a reference after both files
 * exist, but after its own file). Several added on parallel lines, or none: cannot be told.
 * `addedBefore(a, b)`: the commit adding `a` is an ancestor of the one adding `b`.
 */
export function meantHolder(visible: readonly string[], addedBefore: (a: string, b: string) => boolean): string | undefined {
  const latest = visible.filter((v) => !visible.some((w) => w !== v && addedBefore(v, w)));
  return latest.length === 1 ? latest[0] : undefined;
}
