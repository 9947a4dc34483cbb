import { createHash } from "node:crypto";
import { type Command, Option } from "commander";
import { gatherCheckInputs } from "../app/check-inputs.js";
import type { Deps } from "../app/deps.js";
import { ExitCode, TasksError, usageError } from "../app/errors.js";
import { postNote, type PostRequest, postRequest } from "../app/post-flow.js";
import { RULE_NAMES, type RuleName } from "../checks/finding.js";
import { parsePolicy, parseRuleNames, selectRules } from "../checks/policy.js";
import { type CheckReport, reportFails } from "../checks/report.js";
import { ALL_RULES } from "../checks/rule-registry.js";
import { runChecks } from "../checks/run-checks.js";
import { splitList } from "../domain/field-input.js";
import { localDateOf } from "../domain/time.js";
import { renderFindingsText, toCheckJson } from "../render/findings-text.js";
import { renderGithubAnnotations } from "../render/github-annotations.js";
import { renderJson } from "../render/json.js";
import { renderStepSummary } from "../render/step-summary.js";
import { CONFIG_PATH, configLine } from "../storage/config-store.js";
import { appendStepSummary } from "../storage/step-summary.js";
import { withExamples } from "./shared/help.js";
import { addPostOptions } from "./shared/post-options.js";

export const CHECK_FORMATS = ["text", "json", "github"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckOptions {
  readonly rules: readonly string[];
  readonly skip: readonly string[];
  readonly strict: boolean;
  readonly changed: string | undefined;
  readonly format: CheckFormat | undefined;
  readonly post?: PostRequest;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...splitList(value)];

const RULES_HELP = `
Rules (default severity; set severity and thresholds under check: in .tasks/config.yml):
${ALL_RULES.map((r) => `  ${r.name.padEnd(20)} ${r.defaultSeverity.padEnd(8)} ${r.description}${r.defaultDays ? ` (N=${r.defaultDays})` : ""}`).join("\n")}

Exit codes: 0 clean or warnings only, 3 error-level findings (or warnings with --strict),
1 the check could not run (unreadable config, git failed, unknown --changed revision).
CI setup (GitHub Actions, GitLab, a pre-commit hook): https://github.com/git-tasks/git-tasks/blob/main/docs/ci.md`;

export function registerCheck(program: Command, deps: Deps): void {
  const command = program
    .command("check")
    .description("task hygiene for CI: ownerless, stale, overdue and broken tasks; exit 3 on error-level findings")
    .option("-r, --rule <rule>", "run only this rule; repeatable", collect)
    .option("--skip <rule>", "do not run this rule; repeatable", collect)
    .option("--strict", "warnings fail the check too")
    .option("--changed <rev>", "only report tasks whose files changed since <rev> (its merge base with HEAD): for pull requests")
    .addOption(new Option("--format <format>", "output format (default: github under GitHub Actions, else text)").choices([...CHECK_FORMATS]))
    .addHelpText("after", RULES_HELP);
  addPostOptions(command, { dryRun: true });
  withExamples(command, [
    "tasks check --post slack",
    "tasks check",
    "tasks check --strict --skip missing-dod",
    "tasks check --rule stale --rule blocked-too-long",
    "tasks check --changed origin/main --format github",
    "tasks check --format json | jq '.findings[] | select(.severity == \"error\")'",
  ]);
  command.action(async (flags: { rule?: string[]; skip?: string[]; strict?: boolean; changed?: string; format?: CheckFormat; post?: string[]; dryRun?: boolean; force?: boolean }) =>
    runCheck({ rules: flags.rule ?? [], skip: flags.skip ?? [], strict: flags.strict === true, changed: flags.changed, format: flags.format, post: postRequest(flags) }, deps),
  );
}

function ruleNames(names: readonly string[], flag: string): RuleName[] {
  const parsed = parseRuleNames(names);
  if (!parsed.ok) throw usageError(`${flag} ${parsed.bad}: no such rule`, `the rules are: ${RULE_NAMES.join(", ")}`);
  return parsed.names;
}

function chooseFormat(deps: Deps, format: CheckFormat | undefined): CheckFormat {
  if (format !== undefined && deps.options.json && format !== "json") throw usageError(`--json and --format ${format} disagree`, "use one of them");
  if (format !== undefined) return format;
  if (deps.options.json) return "json";
  return deps.settings.githubActions ? "github" : "text";
}

export async function runCheck(options: CheckOptions, deps: Deps): Promise<void> {
  const format = chooseFormat(deps, options.format);
  const selection = { only: ruleNames(options.rules, "--rule"), skip: ruleNames(options.skip, "--skip") };
  const repo = await deps.repo();
  const policy = parsePolicy(repo.config.check);
  if (!policy.ok) {
    const line = await configLine(repo.root, policy.key);
    throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH}:${line}: ${policy.key.join(".")}: ${policy.message}`, { hint: policy.hint });
  }
  const rules = selectRules(policy.policy, selection);
  const { ctx, notices, changed } = await gatherCheckInputs(deps, rules, options.changed);
  let findings = [...notices, ...runChecks(ctx, rules)];
  if (changed) findings = findings.filter((f) => f.path === null || changed.paths.has(f.path));
  const report: CheckReport = {
    findings,
    tasksChecked: ctx.tasks.length,
    filesUnreadable: new Set(ctx.problems.filter((p) => p.kind !== "file-name").map((p) => p.path)).size,
    rules,
    strict: options.strict,
    changedSince: changed?.commit ?? null,
  };
  const failed = reportFails(report);
  const post = options.post;
  if (!post?.dryRun || post.targets.length === 0) await emitReport(deps, report, failed, format);
  deps.exitCode = failed ? ExitCode.findings : ExitCode.ok;
  if (post && post.targets.length > 0) await postReport(deps, report, failed, post, repo.config.timezone);
}

/**
 * The report as a chat post: the job summary's Markdown. It is posted once a day per target for
 * the same findings; new or different findings post again. A failed post exits 1, unless the
 * check itself failed (3 stays the verdict).
 */
async function postReport(deps: Deps, report: CheckReport, failed: boolean, post: PostRequest, zone: string): Promise<void> {
  const markdown = renderStepSummary(report, failed);
  const digest = createHash("sha256").update(markdown).digest("hex").slice(0, 12);
  const day = localDateOf(deps.now().getTime(), zone);
  const empty = { json: null, plain: "", human: () => "" };
  const result = await postNote(deps, { ritual: "check", markdown, data: toCheckJson(report, failed) }, { who: `findings-${digest}`, day }, post, empty);
  if (post.dryRun) deps.out(result.plain);
  if (result.exitCode !== undefined && deps.exitCode === ExitCode.ok) deps.exitCode = result.exitCode;
}

async function emitReport(deps: Deps, report: CheckReport, failed: boolean, format: CheckFormat): Promise<void> {
  if (format === "json") {
    deps.out(renderJson(toCheckJson(report, failed)));
    return;
  }
  if (format === "github") {
    const token = Buffer.from(deps.random(16)).toString("hex");
    deps.outWorkflowCommands(renderGithubAnnotations(report, { token }));
    const summaryPath = deps.settings.githubStepSummary;
    if (summaryPath) {
      // The summary is a courtesy; the annotations and the exit code are the verdict.
      await appendStepSummary(summaryPath, renderStepSummary(report, failed)).catch((error: unknown) =>
        deps.warn(`warning: could not write the job summary to $GITHUB_STEP_SUMMARY: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    return;
  }
  deps.out(renderFindingsText(report, await deps.style()));
}
