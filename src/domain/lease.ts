import { type Config, categoryOf, findMember } from "./config.js";
import { parseLogEntries } from "./task-log.js";
import type { Task } from "./task.js";
import { durationMillis, scheduleFor, workingDeadline } from "./working-time.js";

/**
 * A claim is a lease (`claims: lease: 3 working days`): an active task whose owner has not
 * changed it for that much of *their* working time has an expired lease. Then `check` reports it
 * (`lease-expired`), the owner's standup lists it under "renew or release", and someone else may
 * claim it without --force (a takeover that names the previous owner). `tasks renew` extends it.
 *
 * The lease runs from the owner's latest `## Log` entry (every change the tool makes writes one,
 * `renew` too), else the entry that gave them the task, else `created`. Stamps in the future count
 * as now. It is measured in the owner's working time, so weekends, holidays and away periods pause
 * it. A task in review waits on its reviewer, not its owner: it has no lease.
 */

export interface LeaseState {
  /** When the lease began: the owner's last recorded change. */
  readonly since: number;
  /** When it runs out (or ran out). */
  readonly expiresAt: number;
  readonly expired: boolean;
}

function samePerson(a: string, b: string, config: Config): boolean {
  if (a === b) return true;
  const ma = findMember(config, a);
  return ma !== undefined && ma === findMember(config, b);
}

/** The lease of a claimed task, or undefined (no lease configured, not claimed, not active, in review). */
export function leaseState(task: Task, config: Config, now: Date): LeaseState | undefined {
  const lease = config.claims?.lease;
  if (!lease || task.owner === null || categoryOf(config, task.status) !== "active" || task.status === "review") return undefined;
  const owner = task.owner;
  const entries = parseLogEntries(task.body);
  const at = (iso: string): number => Math.min(Date.parse(iso), now.getTime());
  let since: number | undefined;
  for (const entry of entries) {
    const t = at(entry.at);
    if (!Number.isNaN(t) && samePerson(entry.who, owner, config) && (since === undefined || t > since)) since = t;
  }
  if (since === undefined) {
    for (const entry of entries) {
      const t = at(entry.at);
      if (!Number.isNaN(t) && (since === undefined || t > since)) since = t;
    }
  }
  if (since === undefined && task.created !== null) {
    const t = at(task.created);
    if (!Number.isNaN(t)) since = t;
  }
  if (since === undefined) return undefined;
  const schedule = scheduleFor(config, owner);
  const expiresAt = workingDeadline(since, durationMillis(lease, schedule), schedule) ?? Number.POSITIVE_INFINITY;
  return { since, expiresAt, expired: expiresAt <= now.getTime() };
}

export function isLeaseExpired(task: Task, config: Config, now: Date): boolean {
  return leaseState(task, config, now)?.expired === true;
}
