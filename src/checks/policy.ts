import { isRuleName, RULE_NAMES, type RuleName, type SeverityLevel } from "./finding.js";
import type { EnabledRule } from "./rule.js";
import { ALL_RULES } from "./rule-registry.js";

/**
 * The `check:` section of `.tasks/config.yml`, validated, and the command line's choice of rules.
 *
 *   check:
 *     ownerless: error                 # off, warning or error
 *     stale: { severity: warning, days: 5 }
 *     blocked-too-long: { days: 10 }
 *     unknown-owner: off
 */

export interface RulePolicy {
  readonly level: SeverityLevel;
  readonly days: number;
}

export type CheckPolicy = ReadonlyMap<RuleName, RulePolicy>;

export type PolicyResult =
  | { readonly ok: true; readonly policy: CheckPolicy }
  | { readonly ok: false; readonly key: readonly string[]; readonly message: string; readonly hint: string };

const LEVELS: readonly SeverityLevel[] = ["off", "warning", "error"];
const MAX_DAYS = 365;

class PolicyProblem extends Error {
  constructor(
    readonly key: readonly string[],
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

function parseLevel(value: unknown, key: readonly string[]): SeverityLevel {
  if (typeof value === "string" && (LEVELS as readonly string[]).includes(value)) return value as SeverityLevel;
  throw new PolicyProblem(key, `${JSON.stringify(value)} is not a severity`, "use off, warning or error, e.g. ownerless: off");
}

function parseDays(value: unknown, key: readonly string[]): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_DAYS) return value;
  throw new PolicyProblem(key, `${JSON.stringify(value)} is not a number of days`, `use a whole number from 1 to ${MAX_DAYS}`);
}

function parseRule(name: RuleName, value: unknown): RulePolicy {
  const rule = ALL_RULES.find((r) => r.name === name);
  const defaults: RulePolicy = { level: rule?.defaultSeverity ?? "error", days: rule?.defaultDays ?? 0 };
  if (value === null || value === undefined) return defaults;
  if (typeof value !== "object" || Array.isArray(value)) return { ...defaults, level: parseLevel(value, ["check", name]) };
  const entries = Object.entries(value as Record<string, unknown>);
  let policy = defaults;
  for (const [key, setting] of entries) {
    if (key === "severity") policy = { ...policy, level: parseLevel(setting, ["check", name, key]) };
    else if (key === "days" && rule?.defaultDays !== undefined) policy = { ...policy, days: parseDays(setting, ["check", name, key]) };
    else {
      const takes = rule?.defaultDays !== undefined ? "severity and days" : "severity";
      throw new PolicyProblem(["check", name, key], `unknown setting "${key}"`, `${name} takes ${takes}`);
    }
  }
  return policy;
}

export function parsePolicy(section: Readonly<Record<string, unknown>>): PolicyResult {
  const policy = new Map<RuleName, RulePolicy>();
  try {
    for (const [name, value] of Object.entries(section)) {
      if (!isRuleName(name)) throw new PolicyProblem(["check", name], `unknown rule "${name}"`, `the rules are: ${RULE_NAMES.join(", ")}`);
      policy.set(name, parseRule(name, value));
    }
    for (const name of RULE_NAMES) if (!policy.has(name)) policy.set(name, parseRule(name, undefined));
  } catch (error) {
    if (!(error instanceof PolicyProblem)) throw error;
    return { ok: false, key: error.key, message: error.message, hint: error.hint };
  }
  return { ok: true, policy };
}

export interface RuleSelection {
  /** `--rule`: only these (a rule configured off runs at its default severity when named here). */
  readonly only: readonly RuleName[];
  /** `--skip`: never these. */
  readonly skip: readonly RuleName[];
}

export function selectRules(policy: CheckPolicy, selection: RuleSelection): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const rule of ALL_RULES) {
    if (selection.only.length > 0 && !selection.only.includes(rule.name)) continue;
    if (selection.skip.includes(rule.name)) continue;
    const configured = policy.get(rule.name) ?? { level: rule.defaultSeverity, days: rule.defaultDays ?? 0 };
    const level = configured.level === "off" && selection.only.includes(rule.name) ? rule.defaultSeverity : configured.level;
    if (level === "off") continue;
    enabled.push({ rule, settings: { severity: level, days: configured.days } });
  }
  return enabled;
}

/** Names from `--rule`/`--skip`, validated; the bad one comes back for the error message. */
export function parseRuleNames(names: readonly string[]): { ok: true; names: RuleName[] } | { ok: false; bad: string } {
  const out: RuleName[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!isRuleName(name)) return { ok: false, bad: raw };
    out.push(name);
  }
  return { ok: true, names: out };
}
