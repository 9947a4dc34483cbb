import { type Finding, type RuleName, shallowCloneFinding, unsecureCommandsFinding } from "../checks/finding.js";
import { buildHistoryFacts, type HistoryNeeds, historySince } from "../checks/history-facts.js";
import { type CheckContext, type EnabledRule, type HistoryFacts, historyRuleNames } from "../checks/rule.js";
import type { Task } from "../domain/task.js";
import { changedPathsSince, forkPoint, resolveCommit, uncommittedPaths } from "../git/revisions.js";
import type { Deps } from "./deps.js";
import { TasksError } from "./errors.js";
import { loadCodeLinks } from "./code-links.js";
import { loadHistory } from "./history.js";
import { sideBySide } from "./side-by-side.js";

/**
 * Everything `tasks check` judges, gathered with as little git as possible: the task files (one
 * read of the folder), and only when a history rule runs and some task needs it, one history
 * window (one `git log`, one `cat-file`) plus the list of uncommitted task files.
 */

export interface CheckInputs {
  readonly ctx: CheckContext;
  /** Findings about the run itself (a shallow clone). */
  readonly notices: readonly Finding[];
  /** `--changed`: the commit compared against and the task files that differ from it. */
  readonly changed: { readonly commit: string; readonly paths: ReadonlySet<string> } | null;
}

async function changedSince(deps: Deps, rev: string, dir: string): Promise<{ commit: string; paths: Set<string> }> {
  const git = await deps.git();
  const commit = await resolveCommit(git, rev);
  if (commit === undefined) {
    throw new TasksError("UNKNOWN_REVISION", `--changed ${rev}: not a commit in this repository`, {
      hint: "fetch it first (git fetch origin <branch>; in GitHub Actions use actions/checkout with fetch-depth: 0)",
    });
  }
  const base = await forkPoint(git, commit);
  return { commit: base, paths: new Set(await changedPathsSince(git, base, dir)) };
}

function historyNeeds(rules: readonly EnabledRule[]): HistoryNeeds {
  const days = (name: RuleName): number | undefined => rules.find((r) => r.rule.name === name)?.settings.days;
  const staleDays = days("stale");
  const blockedDays = days("blocked-too-long");
  const overrideDays = days("done-with-override");
  const serviceLevels = rules.some((r) => r.rule.name === "sla-breached" || r.rule.name === "sla-near-breach");
  return {
    ...(staleDays !== undefined ? { staleDays } : {}),
    ...(blockedDays !== undefined ? { blockedDays } : {}),
    ...(serviceLevels ? { serviceLevels } : {}),
    ...(overrideDays !== undefined ? { overrideDays } : {}),
  };
}

async function readHistory(deps: Deps, tasks: readonly Task[], needs: HistoryNeeds): Promise<HistoryFacts | undefined> {
  const { config } = await deps.repo();
  const now = deps.now();
  if (historySince(tasks, config, needs, now) === undefined) return undefined;
  // Files being changed right now are not judged on history (and a repository without commits
  // has nothing else), so they do not widen the window or call for a git log at all.
  const uncommitted = await uncommittedPaths(await deps.git(), config.tasksDir);
  const pending = new Set(uncommitted);
  const since = historySince(tasks.filter((t) => !pending.has(t.path)), config, needs, now);
  if (since === undefined) return buildHistoryFacts({ commits: [], events: [] }, config, now, now, uncommitted);
  const history = await loadHistory(deps, { since });
  return buildHistoryFacts(history, config, since, now, uncommitted);
}

const CODE_RULES: readonly RuleName[] = ["unknown-task-reference", "closed-by-commit"];

/** The code-link rules' window: the longest of their N days; no git at all when neither runs. */
async function readCodeLinks(deps: Deps, tasks: readonly Task[], rules: readonly EnabledRule[]): Promise<CheckContext["codeLinks"]> {
  const days = rules.filter((r) => CODE_RULES.includes(r.rule.name)).map((r) => r.settings.days);
  if (days.length === 0) return undefined;
  const since = new Date(deps.now().getTime() - Math.max(...days) * 86_400_000);
  const loaded = await loadCodeLinks(deps, { tasks, since });
  return { links: loaded.links, mainBranch: loaded.mainBranch };
}

export async function gatherCheckInputs(deps: Deps, rules: readonly EnabledRule[], changedRev: string | undefined): Promise<CheckInputs> {
  const repo = await deps.repo();
  const historyRules = historyRuleNames(rules, repo.config);
  // Whether the clone is shallow is asked while the tasks are read.
  const shallow = historyRules.length > 0 ? deps.git().then((git) => git.isShallow()) : Promise.resolve(false);
  shallow.catch(() => undefined);
  const { tasks, problems } = await repo.store.loadAll({ checkNames: true });
  const changed = changedRev === undefined ? null : await changedSince(deps, changedRev, repo.config.tasksDir);
  const notices: Finding[] = deps.settings.actionsAllowUnsecureCommands ? [unsecureCommandsFinding()] : [];
  let history: HistoryFacts | undefined;
  let codeLinks: CheckContext["codeLinks"];
  if (historyRules.length > 0) {
    if (await shallow) notices.push(shallowCloneFinding(historyRules));
    else {
      // With --changed, only the changed tasks' owners and states decide how far back to read.
      const judged = changed ? tasks.filter((t) => changed.paths.has(t.path)) : tasks;
      // The history window and the code links are two independent git logs: side by side.
      [history, codeLinks] = await sideBySide(readHistory(deps, judged, historyNeeds(rules)), readCodeLinks(deps, tasks, rules));
    }
  }
  const ctx: CheckContext = { tasks, problems, config: repo.config, now: deps.now(), ...(history ? { history } : {}), ...(codeLinks ? { codeLinks } : {}) };
  return { ctx, notices, changed };
}
