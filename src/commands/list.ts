import { type Command, Option } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { usageError } from "../app/errors.js";
import { loadHistory } from "../app/history.js";
import { categoryOf, type Config } from "../domain/config.js";
import { filterTasks, isOverdue, SORT_KEYS, type SortKey, sortTasks, type TaskFilter } from "../domain/query.js";
import type { Task } from "../domain/task.js";
import { staleHistorySince, staleWorkingDays } from "../domain/staleness.js";
import { scheduleFor, workingDaysSince } from "../domain/working-time.js";
import { envelope, toTaskJson } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { renderTaskTable, renderTaskTsv, type TaskRow } from "../render/task-text.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning, problemJson } from "./shared/load-tasks.js";
import { addFilterOptions, type FilterOptions, filterOptions, taskFilter } from "./shared/task-filters.js";

export interface ListOptions extends FilterOptions {
  /** --stale: working days; 0 means the team's setting (check.stale.days, else 5). */
  readonly stale: number | undefined;
  readonly blocked: boolean;
  readonly sort: SortKey;
  readonly all: boolean;
}

export function registerList(program: Command, deps: Deps): void {
  const command = addFilterOptions(
    program
      .command("list")
      .alias("ls")
      .description("list tasks (closed ones only with --all or --status): a table on a terminal, tab-separated when piped"),
  )
    .option("--stale [days]", "only active tasks with no change for <days> of their owner's working days (default: check.stale.days, else 5)")
    .option("--blocked", "only blocked tasks")
    .addOption(new Option("--sort <key>", "order by").choices([...SORT_KEYS]).default("status"))
    .option("-a, --all", "include closed tasks");
  withExamples(command, ["tasks list --mine", "tasks ls --status active --sort due", "tasks list --overdue --owner bob", "tasks list --all --label auth | cut -f1"]);
  command.action(async (flags: Record<string, unknown>) => {
    const stale = flags.stale === undefined ? undefined : flags.stale === true ? 0 : Number(flags.stale);
    if (stale !== undefined && flags.stale !== true && (!Number.isInteger(stale) || stale < 1)) throw usageError(`--stale takes a whole number of days, not "${String(flags.stale)}"`, "e.g. tasks list --stale 7");
    const options: ListOptions = {
      ...filterOptions(flags),
      stale,
      blocked: flags.blocked === true,
      sort: flags.sort as SortKey,
      all: flags.all === true,
    };
    await emitResult(deps, await runList(options, deps));
  });
}

/** Active tasks with no change for `days` of their owner's working days (one history read). */
async function staleIds(deps: Deps, tasks: readonly Task[], config: Config, days: number): Promise<Set<string>> {
  const now = deps.now();
  const active = tasks.filter((t) => categoryOf(config, t.status) === "active");
  if (active.length === 0) return new Set();
  const since = staleHistorySince(config, active.map((t) => t.owner), now, days);
  const { events } = await loadHistory(deps, { since: new Date(since) });
  const last = new Map<string, number>();
  for (const event of events) last.set(event.id, Math.max(last.get(event.id) ?? 0, Date.parse(event.at)));
  return new Set(
    active
      .filter((t) => {
        const at = last.get(t.id);
        return at === undefined || workingDaysSince(new Date(at), now, scheduleFor(config, t.owner)) >= days;
      })
      .map((t) => t.id),
  );
}

export async function runList(options: ListOptions, deps: Deps): Promise<CommandResult> {
  const { repo, tasks, problems } = await loadTasksWarning(deps);
  const { config } = repo;
  const now = deps.now();
  const filter: TaskFilter = {
    ...(await taskFilter(deps, repo, options)),
    blocked: options.blocked,
    includeClosed: options.all,
    ...(options.stale !== undefined ? { staleIds: await staleIds(deps, tasks, config, options.stale || staleWorkingDays(config)) } : {}),
  };
  const shown = sortTasks(filterTasks(tasks, filter, config, now), options.sort, config);
  const rows: TaskRow[] = shown.map((task) => ({ task, category: categoryOf(config, task.status) ?? null, overdue: isOverdue(task, config, now) }));
  return {
    // Built only when --json asks for it: thousands of task objects are not free.
    get json() {
      return envelope("task-list", { count: rows.length, tasks: rows.map((r) => toTaskJson(r.task, r.category)), problems: problems.map(problemJson) });
    },
    get plain() {
      return renderTaskTsv(rows);
    },
    human: (view) => {
      if (rows.length === 0) {
        deps.note(tasks.length === 0 ? "No tasks yet. Create one with: tasks new \"<title>\"" : "No tasks match.");
        return "";
      }
      return renderTaskTable(rows, view);
    },
  };
}
