import { type Config, firstStatusOf, personFor } from "./config.js";
import type { TaskEvent } from "./history.js";
import { FIELD } from "./task.js";

/**
 * Tasks closed with an override (`tasks done --force --reason`, docs/review.md): a commit that
 * moved a task to the closing status and carries a `Task-Override:` trailer, with
 * `Task-Review-Override: <reviewer>` when the review was skipped too. Read from the history events
 * a report or the check already has: no git of its own.
 *
 * The trailers are text anyone can type. That is fine here: an override is a confession, not a
 * permission, so a forged one only reports someone as having closed without the gate, which is
 * what they did. A trailer on a commit that closes nothing reports nothing.
 */

export interface OverrideClosing {
  readonly id: string;
  readonly path: string;
  /** Committer date of the closing commit (clamped to now). */
  readonly at: string;
  readonly commit: string;
  /** Who closed it: the commit's author, as the roster names them. */
  readonly closedBy: string;
  readonly reason: string;
  /** The reviewer whose approval was skipped; null when only the definition of done was overridden. */
  readonly reviewer: string | null;
}

/** Every closing with an override among `events` (oldest first), optionally only from `from` (ms) on. */
export function overrideClosings(events: readonly TaskEvent[], config: Config, from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY): OverrideClosing[] {
  const closing = firstStatusOf(config, "closed");
  const found: OverrideClosing[] = [];
  for (const event of events) {
    if (event.override === undefined || event.kind !== "changed" || event.field !== FIELD.status || event.to !== closing) continue;
    const at = Date.parse(event.at);
    if (!(at >= from && at <= to)) continue;
    found.push({
      id: event.id,
      path: event.path,
      at: event.at,
      commit: event.commit,
      closedBy: personFor(config, event.authorEmail, event.authorName),
      reason: event.override.reason,
      reviewer: event.override.reviewer,
    });
  }
  return found;
}

/** "definition of done" or "review by bob and definition of done": what the log line says was overridden. */
export function overriddenText(closing: Pick<OverrideClosing, "reviewer">): string {
  return closing.reviewer === null ? "definition of done" : `review by ${closing.reviewer} and definition of done`;
}
