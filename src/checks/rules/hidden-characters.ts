import { FIELD } from "../../domain/task.js";
import type { Task } from "../../domain/task.js";
import { unsafeCharacters } from "../../render/sanitize.js";
import { type Finding, taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * Text that does not read as what it is: control characters (escape sequences, carriage returns),
 * bidi overrides and invisible characters in a task's title, people or labels (Trojan Source,
 * CVE-2021-42574). Every view shows them escaped, so nothing is hidden from this tool's readers;
 * this rule is for everyone else who reads the file: a git host, an editor, a diff.
 */

const TEXT_FIELDS = [FIELD.title, FIELD.owner, FIELD.reviewer, FIELD.goal] as const;
const LIST_FIELDS = [FIELD.labels, FIELD.definitionOfDone] as const;

function fieldTexts(task: Task): [string, string[]][] {
  const texts: [string, string[]][] = [];
  for (const field of TEXT_FIELDS) {
    const value = task.data[field];
    if (typeof value === "string") texts.push([field, [value]]);
  }
  for (const field of LIST_FIELDS) {
    const value = task.data[field];
    if (Array.isArray(value)) texts.push([field, value.filter((item): item is string => typeof item === "string")]);
  }
  return texts;
}

export const hiddenCharactersRule: Rule = {
  name: "hidden-characters",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "control, bidi or invisible characters in a task's title, people, goal, labels or definition of done",
  check(ctx, settings) {
    const findings: Finding[] = [];
    for (const task of ctx.tasks) {
      for (const [field, texts] of fieldTexts(task)) {
        const found = [...new Set(texts.flatMap(unsafeCharacters))];
        if (found.length === 0) continue;
        const shown = found.length > 6 ? `${found.slice(0, 6).join(" ")} …` : found.join(" ");
        findings.push(
          taskFinding("hidden-characters", settings.severity, task, field, `${field} holds control, bidi or invisible characters (${shown}): other tools may show it differently`, `retype the ${field} without them: tasks edit ${task.id}`),
        );
      }
    }
    return findings;
  },
};
