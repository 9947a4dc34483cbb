import type { Exclusion, QueueEntry } from "../domain/ready-queue.js";
import { isSamePerson } from "../domain/ready-queue.js";
import { type Config, zoneFor } from "../domain/config.js";
import { isoInZone } from "../domain/time.js";
import { spanText } from "./format.js";

/**
 * The ready queue explained in words: why a task is where it is, why another is left out. The
 * parts follow the order's rules, so the line reads as the reason for the place:
 * `overdue by 2 days in alice's zone (Europe/Berlin); priority high; created 12 days ago`.
 */

export interface ReasonContext {
  readonly config: Config;
  readonly me: string;
  readonly now: Date;
}

function whereText(entry: QueueEntry, context: ReasonContext): string {
  if (entry.zoneOwner === null) return `the team's zone (${entry.zone})`;
  const whose = isSamePerson(entry.zoneOwner, context.me, context.config) ? "your" : `${entry.zoneOwner}'s`;
  return `${whose} zone (${entry.zone})`;
}

export function workableReason(entry: QueueEntry, context: ReasonContext): string {
  const now = context.now.getTime();
  const parts: string[] = [];
  const where = whereText(entry, context);
  if (entry.takeover) {
    const zone = zoneFor(context.config, entry.takeover.owner);
    parts.push(`lease expired: @${entry.takeover.owner} since ${isoInZone(new Date(entry.takeover.expiredAt), zone)} (tasks claim takes it over)`);
  }
  if (entry.overdue) parts.push(entry.dueAt === null ? `overdue in ${where}` : `overdue by ${spanText(now - entry.dueAt)} in ${where}`);
  const priority = entry.task.priority;
  parts.push(priority === null ? "no priority" : entry.priorityRank === null ? `priority ${priority} (not a configured priority, so last)` : `priority ${priority}`);
  if (!entry.overdue) parts.push(entry.dueAt === null ? "no due date" : `due in ${spanText(entry.dueAt - now)} in ${where}`);
  if (entry.createdAt === null) parts.push("no created date");
  else if (entry.createdAt > now) parts.push("created in the future");
  else parts.push(now - entry.createdAt < 60_000 ? "created just now" : `created ${spanText(now - entry.createdAt)} ago`);
  if (entry.mine) parts.push("assigned to you");
  return parts.join("; ");
}

export function exclusionText(exclusion: Exclusion): string {
  switch (exclusion.kind) {
    case "closed":
      return `closed (${exclusion.status})`;
    case "active":
      return `already in progress (${exclusion.status})`;
    case "blocked":
      return exclusion.reason === null ? `blocked (${exclusion.status}, no reason given)` : `blocked: ${exclusion.reason}`;
    case "unknown-status":
      return `status ${exclusion.status} is not configured`;
    case "claimed":
      return `claimed by ${exclusion.owner}${exclusion.away ? `, who is away until ${exclusion.away.to}${exclusion.away.note ? ` (${exclusion.away.note})` : ""}` : ""}${exclusion.leaseExpired ? "; the claim lease expired: tasks claim takes it over" : ""}`;
    case "depends-on":
      return `depends on ${exclusion.id} (${exclusion.status ?? "no such task"})`;
  }
}

export function exclusionsText(reasons: readonly Exclusion[]): string {
  return reasons.map(exclusionText).join("; ");
}
