import { buildHistoryFacts, historySince } from "../checks/history-facts.js";
import type { Finding } from "../checks/finding.js";
import { shallowCloneFinding } from "../checks/finding.js";
import { parsePolicy, selectRules } from "../checks/policy.js";
import { type HistoryFacts, historyRuleNames } from "../checks/rule.js";
import { runChecks } from "../checks/run-checks.js";
import type { TaskEvent } from "../domain/history.js";
import type { Problem, Task } from "../domain/task.js";
import { resolveCommit, uncommittedPaths } from "../git/revisions.js";
import { dashboardHistorySince, lastWeeks } from "../reports/dashboard.js";
import { type IsoWeek, isoWeek } from "../reports/windows.js";
import type { Deps, Repo } from "./deps.js";
import { loadHistory } from "./history.js";

/**
 * What the dashboard is made of, with one read of the task folder and one history pass: the
 * window reaches back to what `report weekly` reads for the oldest week shown and what the
 * check's history rules need, whichever is earlier; the check runs on the same history.
 */

export interface DashboardInputs {
  readonly repo: Repo;
  readonly tasks: readonly Task[];
  readonly problems: readonly Problem[];
  readonly events: readonly TaskEvent[];
  readonly weeks: readonly IsoWeek[];
  readonly findings: readonly Finding[];
  readonly commit: string | null;
}

export async function gatherDashboardInputs(deps: Deps, weekCount: number): Promise<DashboardInputs> {
  const repo = await deps.repo();
  const { config } = repo;
  const now = deps.now();
  const { tasks, problems } = await repo.store.loadAll({ checkNames: true });
  const weeks = lastWeeks(isoWeek(undefined, now, config.timezone), weekCount);
  const policy = parsePolicy(config.check);
  // A broken check: section is `tasks check`'s to report; the dashboard shows the rest.
  const rules = policy.ok ? selectRules(policy.policy, { only: [], skip: [] }) : [];
  const days = (name: string): number | undefined => rules.find((r) => r.rule.name === name)?.settings.days;
  const staleDays = days("stale");
  const blockedDays = days("blocked-too-long");
  const overrideDays = days("done-with-override");
  const checkSince = historySince(
    tasks,
    config,
    { ...(staleDays !== undefined ? { staleDays } : {}), ...(blockedDays !== undefined ? { blockedDays } : {}), ...(overrideDays !== undefined ? { overrideDays } : {}) },
    now,
  );
  const since = new Date(Math.min(dashboardHistorySince(config, tasks, weeks, now).getTime(), checkSince?.getTime() ?? Number.POSITIVE_INFINITY));
  const git = await deps.git();
  const [history, commit, shallow, uncommitted] = await Promise.all([
    loadHistory(deps, { since }),
    resolveCommit(git, "HEAD").catch(() => undefined),
    git.isShallow(),
    uncommittedPaths(git, config.tasksDir),
  ]);
  const notices: Finding[] = [];
  let facts: HistoryFacts | undefined;
  const historyRules = historyRuleNames(rules, config);
  if (shallow && historyRules.length > 0) notices.push(shallowCloneFinding(historyRules));
  else facts = buildHistoryFacts(history, config, since, now, uncommitted);
  const findings = [...notices, ...runChecks({ tasks, problems, config, now, ...(facts ? { history: facts } : {}) }, rules)];
  return { repo, tasks, problems, events: history.events, weeks, findings, commit: commit ?? null };
}
