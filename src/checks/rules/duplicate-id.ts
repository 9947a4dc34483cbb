import type { Task } from "../../domain/task.js";
import { FIELD } from "../../domain/task.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/** Two files, one id (two clones created tasks offline, or a copy-paste): each file is told of the others. */
export const duplicateIdRule: Rule = {
  name: "duplicate-id",
  defaultSeverity: "error",
  usesHistory: false,
  description: "two files carry one id",
  check(ctx, settings) {
    const byId = new Map<string, Task[]>();
    for (const task of ctx.tasks) {
      const holders = byId.get(task.id);
      if (holders) holders.push(task);
      else byId.set(task.id, [task]);
    }
    const findings: Finding[] = [];
    for (const [id, holders] of byId) {
      if (holders.length < 2) continue;
      for (const task of holders) {
        const others = holders.filter((h) => h !== task).map((h) => h.path).join(", ");
        findings.push(taskFinding("duplicate-id", settings.severity, task, FIELD.id, `id ${id} is also used by ${others}`, `give one of them a new id: tasks renumber ${id}`));
      }
    }
    return findings;
  },
};
