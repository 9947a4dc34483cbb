import { categoryOf, type Config } from "../../domain/config.js";
import { clockText, elapsedMillis, firstActiveOf, type SlaClock, slaClock, workingAmountText } from "../../domain/service-level.js";
import type { Task } from "../../domain/task.js";
import { FIELD } from "../../domain/task.js";
import { isoInZone } from "../../domain/time.js";
import { durationText, scheduleFor } from "../../domain/working-time.js";
import { type Finding, type RuleName, type Severity, taskFinding } from "../finding.js";
import type { CheckContext, Rule } from "../rule.js";

/**
 * Service levels (`sla:` in the config, docs/sla.md), judged on unclosed tasks: `start-within`
 * while the task has never been active (history and its log say when it first was), `done-within`
 * until it closes. A clock that has run out is `sla-breached`; one past `near-breach` of its
 * allowed working time is `sla-near-breach`. Silent without an `sla:` section.
 */

/** The running clocks of one unclosed task: start-within until it first went active, done-within. */
export function runningClocks(task: Task, ctx: CheckContext): SlaClock[] {
  const { config, now } = ctx;
  const category = categoryOf(config, task.status);
  if (category === "closed" || !config.sla) return [];
  const clocks: SlaClock[] = [];
  if (category !== "active" && firstActiveOf(task, config, ctx.history?.byPath.get(task.path)?.firstActive) === undefined) {
    const start = slaClock(task, config, "start-within", now);
    if (start) clocks.push(start);
  }
  const done = slaClock(task, config, "done-within", now);
  if (done) clocks.push(done);
  return clocks;
}

function clockMessage(clock: SlaClock, config: Config): string {
  const schedule = scheduleFor(config, clock.clockOwner);
  const zone = schedule.timezone;
  const elapsed = workingAmountText(elapsedMillis(clock, config), clock.allowed.unit, schedule);
  const goal = clock.kind === "start-within" ? "start" : "done";
  const created = isoInZone(new Date(clock.createdAt), zone);
  const deadline = clock.deadline === null ? "" : `; deadline ${isoInZone(new Date(clock.deadline), zone)}`;
  const head = `priority ${clock.priority}: ${goal} within ${durationText(clock.allowed)} (sla ${clock.kind}) in ${clockText(clock, config)}`;
  if (clock.state === "breached") return `${head}: missed, ${elapsed} have passed since it was created ${created}${deadline}`;
  return `${head}: ${elapsed} of ${durationText(clock.allowed)} have passed since it was created ${created}${deadline}`;
}

function clockHint(clock: SlaClock, task: Task): string {
  return clock.kind === "start-within"
    ? `start it (tasks claim ${task.id}), or change its priority: tasks set ${task.id} priority=<priority>`
    : `finish it (tasks done ${task.id}), hand it off, or change its priority: tasks set ${task.id} priority=<priority>`;
}

function slaFindings(rule: RuleName, state: SlaClock["state"], ctx: CheckContext, severity: Severity): Finding[] {
  if (!ctx.config.sla) return [];
  const findings: Finding[] = [];
  for (const task of ctx.tasks) {
    for (const clock of runningClocks(task, ctx)) {
      if (clock.state === state) findings.push(taskFinding(rule, severity, task, FIELD.priority, clockMessage(clock, ctx.config), clockHint(clock, task)));
    }
  }
  return findings;
}

export const slaBreachedRule: Rule = {
  name: "sla-breached",
  defaultSeverity: "warning",
  usesHistory: true,
  historyWhen: (config) => config.sla !== undefined,
  description: "an unclosed task ran past its priority's service level (sla: start-within or done-within) in its owner's working time",
  check: (ctx, settings) => slaFindings("sla-breached", "breached", ctx, settings.severity),
};

export const slaNearBreachRule: Rule = {
  name: "sla-near-breach",
  defaultSeverity: "warning",
  usesHistory: true,
  historyWhen: (config) => config.sla !== undefined,
  description: "an unclosed task has used near-breach (80%) of its priority's service level in its owner's working time",
  check: (ctx, settings) => slaFindings("sla-near-breach", "near-breach", ctx, settings.severity),
};
