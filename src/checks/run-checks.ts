import { compareByLocation, type Finding } from "./finding.js";
import type { CheckContext, EnabledRule } from "./rule.js";

/** Runs each enabled rule over the context; findings come back sorted by file and line. */
export function runChecks(ctx: CheckContext, rules: readonly EnabledRule[]): Finding[] {
  return rules.flatMap(({ rule, settings }) => rule.check(ctx, settings)).sort(compareByLocation);
}
