import { type Config, findMember } from "../domain/config.js";
import type { HistoryCommit } from "../domain/history.js";

/**
 * The end-of-day handoffs a scheduled job posts: the handoff commits a person made with
 * `tasks handoff --to next` during their working day (from its start until now, so a handoff
 * made just after the day's end still counts), read from the commits' trailers. Only the final
 * paragraph of a message is its trailers: a `Task-Id:` line written inside a note is not one.
 */

export interface DayHandoff {
  readonly commit: string;
  readonly to: string;
  readonly ids: readonly string[];
  readonly note: string | null;
}

export const HANDOFF_RULE_TRAILER = "Task-Handoff-Rule";

function trailers(body: string): Map<string, string[]> {
  const paragraphs = body.replace(/\r/g, "").split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? "";
  const found = new Map<string, string[]>();
  for (const line of last.split("\n")) {
    const match = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line.trim());
    if (!match) continue;
    const key = (match[1] as string).toLowerCase();
    found.set(key, [...(found.get(key) ?? []), (match[2] as string).trim()]);
  }
  return found;
}

/** `handle`'s `--to next` handoffs committed in [from, to], oldest first. */
export function handoffsOfDay(commits: readonly HistoryCommit[], config: Config, handle: string, from: number, to: number): DayHandoff[] {
  const found: DayHandoff[] = [];
  for (const commit of commits) {
    if (!commit.actions.includes("handoff")) continue;
    const at = Date.parse(commit.committerDate);
    if (!(at >= from && at <= to)) continue;
    if (findMember(config, commit.authorEmail)?.handle !== handle) continue;
    const t = trailers(commit.body ?? "");
    if (!(t.get(HANDOFF_RULE_TRAILER.toLowerCase()) ?? []).includes("next")) continue;
    const receiver = t.get("task-handoff-to")?.[0];
    const ids = t.get("task-id") ?? [];
    if (!receiver || ids.length === 0) continue;
    const noteLine = (commit.body ?? "").split("\n").find((l) => l.startsWith("Note: "));
    found.push({ commit: commit.hash, to: receiver, ids, note: noteLine ? noteLine.slice("Note: ".length) : null });
  }
  return found.reverse();
}
