import type { Finding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * A commit names a task no file has (`Task: zzzzz`, `Closes: k7`): a typo, a task deleted, or a
 * prefix several tasks share. Commits of the last N days are read; older ones are history.
 */
export const unknownTaskReferenceRule: Rule = {
  name: "unknown-task-reference",
  defaultSeverity: "warning",
  defaultDays: 30,
  usesHistory: true,
  description: "a commit of the last N days names a task id (Task:, Closes:, Fixes:) that no task has",
  check(ctx, settings) {
    const findings: Finding[] = [];
    const since = ctx.now.getTime() - settings.days * 86_400_000;
    for (const ref of ctx.codeLinks?.links.unknown ?? []) {
      if (Date.parse(ref.committerDate) < since) continue;
      const what = ref.problem === "ambiguous" ? `${ref.reference}, which is the start of several ids (${ref.candidates.join(", ")})` : `${ref.reference}, which no task has`;
      findings.push({
        rule: "unknown-task-reference",
        severity: settings.severity,
        path: null,
        line: null,
        id: null,
        title: null,
        message: `commit ${ref.commit.slice(0, 7)} "${ref.subject}" names task ${what} (${ref.key}:)`,
        hint: ref.problem === "ambiguous" ? "write the whole id in later commits" : "fix the id in later commits, or link the commit by hand: tasks link <id> <commit>",
      });
    }
    return findings;
  },
};
