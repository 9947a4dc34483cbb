import { describe, expect, it } from "vitest";
import { validateConfig } from "../../storage/config-store.js";
import { webhookUrlRule } from "./webhook-url.js";

const SLACK = "https://hooks.slack.com/services/T000/B000/XXXXsecret";

function findings(data: Record<string, unknown>) {
  const { config } = validateConfig(data as never);
  return webhookUrlRule.check({ tasks: [], problems: [], config, now: new Date(0) }, { severity: "error", days: 0 });
}

describe("webhook-url", () => {
  it("reports a webhook URL anywhere in the config, and any URL under post:, naming the setting and never the URL", () => {
    const found = findings({ post: { slack: SLACK, discord: "DISCORD_HOOK", webhook: "http://intranet.example/hook" }, team: { bob: { name: "https://discord.com/api/webhooks/1/abc" } } });
    expect(found.map((f) => f.message)).toEqual(["post.slack holds a webhook URL (a secret in a committed file)", "post.webhook holds a webhook URL (a secret in a committed file)", "team.bob.name holds a webhook URL (a secret in a committed file)"]);
    expect(found.every((f) => f.path === ".tasks/config.yml" && f.severity === "error")).toBe(true);
    expect(JSON.stringify(found)).not.toMatch(/XXXXsecret|api\/webhooks|intranet/);
  });

  it("is quiet for variable names, and the config keeps them", () => {
    expect(findings({ post: { slack: "TEAM_SLACK", timeout: 20 } })).toEqual([]);
    const { config } = validateConfig({ post: { slack: "TEAM_SLACK", timeout: 20 } });
    expect(config.post).toEqual({ variables: { slack: "TEAM_SLACK" }, timeoutSeconds: 20, literalUrls: [] });
  });

  it("refuses a setting post: does not know, or a value that is no variable name", () => {
    expect(() => validateConfig({ post: { irc: "X" } })).toThrow("is not a setting of post:");
    expect(() => validateConfig({ post: { slack: "not a name" } })).toThrow("must be the name of an environment variable");
    expect(() => validateConfig({ post: { timeout: 0 } })).toThrow("must be a number of seconds");
  });
});
