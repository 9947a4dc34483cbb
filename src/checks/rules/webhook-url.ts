import { CONFIG_PATH } from "../../domain/config.js";
import type { Rule } from "../rule.js";

/**
 * A webhook URL written in `.tasks/config.yml`: the file is committed, and whoever reads the
 * repository can post to the team's channel with it. The URL belongs in a CI secret, passed in the
 * environment (`TASKS_SLACK_WEBHOOK_URL`, or the variable `post.<target>` names). The finding names
 * the setting, never the URL.
 */
const VARIABLES: Readonly<Record<string, string>> = { slack: "TASKS_SLACK_WEBHOOK_URL", teams: "TASKS_TEAMS_WEBHOOK_URL", discord: "TASKS_DISCORD_WEBHOOK_URL", "google-chat": "TASKS_GOOGLE_CHAT_WEBHOOK_URL", webhook: "TASKS_WEBHOOK_URL" };

function hintVariable(key: string): string {
  const [first, target] = key.split(".");
  return (first === "post" && target !== undefined && VARIABLES[target]) || "TASKS_<TARGET>_WEBHOOK_URL";
}

export const webhookUrlRule: Rule = {
  name: "webhook-url",
  defaultSeverity: "error",
  usesHistory: false,
  description: "a webhook URL written in .tasks/config.yml (a secret in a committed file)",
  check(ctx, settings) {
    return ctx.config.post.literalUrls.map((key) => ({
      rule: "webhook-url",
      severity: settings.severity,
      path: CONFIG_PATH,
      line: ctx.config.post.literalUrlLines?.[key] ?? null,
      id: null,
      title: null,
      message: `${key} holds a webhook URL (a secret in a committed file)`,
      hint: `remove it, rotate the webhook, and pass the URL from a CI secret in the environment (${hintVariable(key)}), or name that variable there instead (post.<target>: VARIABLE)`,
    }));
  },
};
