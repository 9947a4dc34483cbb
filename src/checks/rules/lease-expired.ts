import { isoInZone } from "../../domain/time.js";
import { FIELD } from "../../domain/task.js";
import { leaseState } from "../../domain/lease.js";
import { durationText, scheduleFor } from "../../domain/working-time.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * A claim whose lease ran out (`claims: lease:` in the config): the owner has not changed the task
 * for that much of their working time. Silent without a lease setting.
 */
export const leaseExpiredRule: Rule = {
  name: "lease-expired",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "a claimed task's owner has not changed it within the claim lease (claims: lease:)",
  check(ctx, settings) {
    const lease = ctx.config.claims?.lease;
    if (!lease) return [];
    const findings: Finding[] = [];
    for (const task of ctx.tasks) {
      const state = leaseState(task, ctx.config, ctx.now);
      if (!state?.expired || task.owner === null) continue;
      const zone = scheduleFor(ctx.config, task.owner).timezone;
      findings.push(
        taskFinding(
          "lease-expired",
          settings.severity,
          task,
          FIELD.owner,
          `${task.owner}'s claim lease (${durationText(lease)}) ran out at ${isoInZone(new Date(state.expiresAt), zone)}; last change by them ${isoInZone(new Date(state.since), zone)}`,
          `${task.owner}: renew it (tasks renew ${task.id}) or release it (tasks unassign ${task.id}); anyone else may take it over with tasks claim ${task.id}`,
        ),
      );
    }
    return findings;
  },
};
