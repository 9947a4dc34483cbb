import type { Config } from "./config.js";
import { scheduleFor, workingDaysAgo } from "./working-time.js";

/**
 * One meaning of "stale" for every command: an active task with no change for N of its owner's
 * working days (their zone, hours and days). N is `check: stale: days` in the config, else 5, so
 * `list --stale`, the weekly report and `tasks check` agree.
 */

export const DEFAULT_STALE_DAYS = 5;

/** The team's N, read leniently (`tasks check` validates the setting and reports mistakes). */
export function staleWorkingDays(config: Config): number {
  const stale = config.check.stale;
  const days = stale !== null && typeof stale === "object" && !Array.isArray(stale) ? (stale as Record<string, unknown>).days : undefined;
  return typeof days === "number" && Number.isInteger(days) && days >= 1 ? days : DEFAULT_STALE_DAYS;
}

/** The earliest moment history must reach back to judge staleness for these owners. */
export function staleHistorySince(config: Config, owners: Iterable<string | null>, now: Date, days: number): number {
  let since = now.getTime();
  const seen = new Set<string | null>();
  for (const owner of owners) {
    if (seen.has(owner)) continue;
    seen.add(owner);
    since = Math.min(since, workingDaysAgo(now, days, scheduleFor(config, owner)).toMillis());
  }
  return since;
}
