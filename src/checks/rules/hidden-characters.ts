import { CONFIG_PATH, type Config } from "../../domain/config.js";
import { escapeInvisible, findInvisible, tagCharacterText, visibleIdentity } from "../../domain/invisible-characters.js";
import { FIELD } from "../../domain/task.js";
import type { Task } from "../../domain/task.js";
import type { Finding, Severity } from "../finding.js";
import { taskFinding } from "../finding.js";
import type { Rule } from "../rule.js";

/**
 * Text that does not read as what it is: control characters (escape sequences, carriage returns),
 * bidi overrides, tag characters and other invisible characters (domain/invisible-characters.ts)
 * in a task's title, people or labels (Trojan Source, CVE-2021-42574; ASCII smuggled as tag
 * characters). Every view shows them escaped, so nothing is hidden from this tool's readers; this
 * rule is for everyone else who reads the file: a git host, an editor, a diff, a language model.
 *
 * People are identities: an owner `bob` + U+2060 looks like bob and is someone else to every
 * other tool, so those findings are errors whatever the rule's severity. Labels are identities
 * too (every variation selector counts there); text fields tolerate one variation selector after
 * a visible character, as in ❤️.
 */

const MAX_SHOWN = 6;

interface Found {
  readonly shown: string;
  readonly spelled: string;
}

const STRICT = { strict: true } as const;
const LOOSE = { strict: false } as const;

function inspect(texts: readonly string[], strict: boolean): Found | null {
  let hidden: Set<string> | undefined;
  for (const text of texts) for (const ch of findInvisible(text, strict ? STRICT : LOOSE)) (hidden ??= new Set()).add(ch);
  if (hidden === undefined) return null;
  const found = [...hidden].map(escapeInvisible);
  const shown = found.length > MAX_SHOWN ? `${found.slice(0, MAX_SHOWN).join(" ")} …` : found.join(" ");
  return { shown, spelled: texts.map(tagCharacterText).join(" ").trim() };
}

const spelling = (found: Found): string => (found.spelled === "" ? "" : `; its tag characters spell "${found.spelled}"`);

function textFinding(task: Task, field: string, found: Found, severity: Severity): Finding {
  const message = `${field} holds control, bidi or invisible characters (${found.shown})${spelling(found)}: other tools may show it differently`;
  return taskFinding("hidden-characters", severity, task, field, message, `retype the ${field} without them: tasks edit ${task.id}`);
}

function personFinding(task: Task, field: string, person: string, found: Found): Finding {
  const visible = visibleIdentity(person);
  // Suggest the command with the name only when what is left is a plain name; else the editor.
  const plain = /^[\p{L}\p{N}._@+-]+$/u.test(visible);
  const fix = !plain ? `tasks edit ${task.id}` : field === FIELD.owner ? `tasks assign ${task.id} ${visible}` : `tasks set ${task.id} ${field}=${visible}`;
  const message = `${field} "${person}" holds invisible characters (${found.shown})${spelling(found)}: it looks like ${visible} but other tools see someone else`;
  return taskFinding("hidden-characters", "error", task, field, message, `write the ${field} without them: ${fix}`);
}

// The typed fields, not `data`: they hold the same validated values (a text, or a list of texts),
// and a cached task makes `data` only when asked.
const TEXTS = [
  [FIELD.title, (task: Task) => task.title],
  [FIELD.goal, (task: Task) => task.goal],
] as const;
const PEOPLE = [
  [FIELD.owner, (task: Task) => task.owner],
  [FIELD.reviewer, (task: Task) => task.reviewer],
] as const;

function taskFindings(task: Task, severity: Severity): Finding[] {
  const findings: Finding[] = [];
  for (const [field, valueOf] of TEXTS) {
    const value = valueOf(task);
    const found = value === null ? null : inspect([value], false);
    if (found) findings.push(textFinding(task, field, found, severity));
  }
  for (const [field, valueOf] of PEOPLE) {
    const value = valueOf(task);
    const found = value === null ? null : inspect([value], true);
    if (found && value !== null) findings.push(personFinding(task, field, value, found));
  }
  const labels = inspect(task.labels, true);
  if (labels) findings.push(textFinding(task, FIELD.labels, labels, severity));
  const criteria = inspect(task.definitionOfDone, false);
  if (criteria) findings.push(textFinding(task, FIELD.definitionOfDone, criteria, severity));
  return findings;
}

/** Roster handles cannot hold them (the config refuses them); emails and names can. */
function rosterFindings(config: Config, severity: Severity): Finding[] {
  const findings: Finding[] = [];
  for (const member of config.team) {
    const where = { rule: "hidden-characters" as const, path: CONFIG_PATH, line: null, id: null, title: null };
    for (const email of member.emails) {
      const found = inspect([email], true);
      if (!found) continue;
      const message = `team.${member.handle} email "${email}" holds invisible characters (${found.shown})${spelling(found)}: it matches no one's commits`;
      findings.push({ ...where, severity: "error", message, hint: `retype the email of ${member.handle} in ${CONFIG_PATH}` });
    }
    const name = member.name === null ? null : inspect([member.name], false);
    if (name) {
      const message = `team.${member.handle}.name holds control, bidi or invisible characters (${name.shown})${spelling(name)}: other tools may show it differently`;
      findings.push({ ...where, severity, message, hint: `retype the name in ${CONFIG_PATH}` });
    }
  }
  return findings;
}

export const hiddenCharactersRule: Rule = {
  name: "hidden-characters",
  defaultSeverity: "warning",
  usesHistory: false,
  description: "control, bidi, tag or other invisible characters in a task's title, people, goal, labels or definition of done, or in the roster (people: error)",
  check(ctx, settings) {
    const findings = rosterFindings(ctx.config, settings.severity);
    for (const task of ctx.tasks) {
      const found = taskFindings(task, settings.severity);
      if (found.length > 0) findings.push(...found);
    }
    return findings;
  },
};
