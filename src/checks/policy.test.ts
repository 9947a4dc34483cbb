import { describe, expect, it } from "vitest";
import { parsePolicy, parseRuleNames, selectRules } from "./policy.js";

const enabled = (section: Record<string, unknown>, only: string[] = [], skip: string[] = []) => {
  const parsed = parsePolicy(section);
  if (!parsed.ok) throw new Error(parsed.message);
  const names = (list: string[]) => {
    const result = parseRuleNames(list);
    if (!result.ok) throw new Error(result.bad);
    return result.names;
  };
  return selectRules(parsed.policy, { only: names(only), skip: names(skip) }).map(({ rule, settings }) => `${rule.name}:${settings.severity}${rule.defaultDays ? `:${settings.days}` : ""}`);
};

describe("check policy", () => {
  it("runs every rule at its default severity and threshold without configuration", () => {
    expect(enabled({})).toEqual([
      "ownerless:error", "stale:warning:5", "overdue:warning", "missing-dod:warning", "invalid-file:error", "duplicate-id:error",
      "unknown-status:error", "unknown-owner:warning", "conflict-markers:error", "dangling-dependency:error", "dependency-cycle:error", "blocked-too-long:warning:10",
      "hidden-characters:warning", "due-while-away:warning", "lease-expired:warning", "sla-breached:warning", "sla-near-breach:warning", "webhook-url:error", "unknown-task-reference:warning:30", "closed-by-commit:warning:90",
      "review-missing-reviewer:warning", "review-waiting:warning", "reviewer-is-owner:warning", "done-with-override:warning:7",
    ]);
  });

  it("takes severities and thresholds from the config section", () => {
    const result = enabled({ stale: { severity: "error", days: 3 }, "blocked-too-long": { days: 20 }, ownerless: "warning", "unknown-owner": "off", "missing-dod": null });
    expect(result).toContain("stale:error:3");
    expect(result).toContain("blocked-too-long:warning:20");
    expect(result).toContain("ownerless:warning");
    expect(result).toContain("missing-dod:warning");
    expect(result.some((r) => r.startsWith("unknown-owner"))).toBe(false);
  });

  it("--rule narrows, --skip removes, and --rule revives a rule configured off at its default severity", () => {
    expect(enabled({ "unknown-owner": "off" }, ["stale", "unknown-owner"])).toEqual(["stale:warning:5", "unknown-owner:warning"]);
    expect(enabled({}, ["stale", "overdue"], ["stale"])).toEqual(["overdue:warning"]);
  });

  it.each([
    [{ stael: "error" }, ["check", "stael"], 'unknown rule "stael"', "the rules are: ownerless, stale,"],
    [{ ownerless: "fatal" }, ["check", "ownerless"], '"fatal" is not a severity', "use off, warning or error"],
    [{ ownerless: false }, ["check", "ownerless"], "false is not a severity", "use off, warning or error"],
    [{ stale: { days: "five" } }, ["check", "stale", "days"], '"five" is not a number of days', "from 1 to 365"],
    [{ stale: { days: 0 } }, ["check", "stale", "days"], "0 is not a number of days", "from 1 to 365"],
    [{ stale: { days: 2.5 } }, ["check", "stale", "days"], "2.5 is not a number of days", "from 1 to 365"],
    [{ ownerless: { days: 3 } }, ["check", "ownerless", "days"], 'unknown setting "days"', "ownerless takes severity"],
    [{ stale: { severity: "warning", limit: 3 } }, ["check", "stale", "limit"], 'unknown setting "limit"', "stale takes severity and days"],
  ])("refuses %j, naming the key and the fix", (section, key, message, hint) => {
    const parsed = parsePolicy(section);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.key).toEqual(key);
    expect(parsed.message).toBe(message);
    expect(parsed.hint).toContain(hint);
  });

  it("refuses unknown names on the command line", () => {
    expect(parseRuleNames(["stale", "nope"])).toEqual({ ok: false, bad: "nope" });
  });
});
