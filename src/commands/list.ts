import { type Command, Option } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { usageError } from "../app/errors.js";
import { loadHistory } from "../app/history.js";
import { currentActor } from "../app/task-transaction.js";
import { categoryOf, type Config } from "../domain/config.js";
import { splitList } from "../domain/field-input.js";
import { filterTasks, isOverdue, SORT_KEYS, type SortKey, sortTasks, type TaskFilter } from "../domain/query.js";
import type { Task } from "../domain/task.js";
import { staleHistorySince, staleWorkingDays } from "../domain/staleness.js";
import { dueMoment, parseDueInput } from "../domain/time.js";
import { scheduleFor, workingDaysSince } from "../domain/working-time.js";
import { envelope, toTaskJson } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { renderTaskTable, renderTaskTsv, type TaskRow } from "../render/task-text.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning, problemJson } from "./shared/load-tasks.js";

export interface ListOptions {
  readonly status: readonly string[];
  readonly owner: readonly string[];
  readonly mine: boolean;
  readonly label: readonly string[];
  readonly goal: readonly string[];
  readonly overdue: boolean;
  /** --stale: working days; 0 means the team's setting (check.stale.days, else 5). */
  readonly stale: number | undefined;
  readonly blocked: boolean;
  readonly dueBefore: string | undefined;
  readonly sort: SortKey;
  readonly all: boolean;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...splitList(value)];

export function registerList(program: Command, deps: Deps): void {
  const command = program
    .command("list")
    .alias("ls")
    .description("list tasks (closed ones only with --all or --status): a table on a terminal, tab-separated when piped")
    .option("-s, --status <status>", "only these statuses or categories (open, active, blocked, closed); repeatable", collect)
    .option("-o, --owner <who>", "only tasks owned by <who> (handle, email, or 'none'); repeatable", collect)
    .option("-m, --mine", "only my tasks")
    .option("-l, --label <label>", "only tasks with every given label; repeatable", collect)
    .option("-g, --goal <goal>", "only tasks toward this goal; repeatable", collect)
    .option("--overdue", "only open work past its due moment (in the owner's zone)")
    .option("--stale [days]", "only active tasks with no change for <days> of their owner's working days (default: check.stale.days, else 5)")
    .option("--blocked", "only blocked tasks")
    .option("--due-before <date>", "only tasks due before <date> (2026-12-01, friday, +3d…)")
    .addOption(new Option("--sort <key>", "order by").choices([...SORT_KEYS]).default("status"))
    .option("-a, --all", "include closed tasks");
  withExamples(command, ["tasks list --mine", "tasks ls --status active --sort due", "tasks list --overdue --owner bob", "tasks list --all --label auth | cut -f1"]);
  command.action(async (flags: Record<string, unknown>) => {
    const stale = flags.stale === undefined ? undefined : flags.stale === true ? 0 : Number(flags.stale);
    if (stale !== undefined && flags.stale !== true && (!Number.isInteger(stale) || stale < 1)) throw usageError(`--stale takes a whole number of days, not "${String(flags.stale)}"`, "e.g. tasks list --stale 7");
    const options: ListOptions = {
      status: (flags.status as string[] | undefined) ?? [],
      owner: (flags.owner as string[] | undefined) ?? [],
      mine: flags.mine === true,
      label: (flags.label as string[] | undefined) ?? [],
      goal: (flags.goal as string[] | undefined) ?? [],
      overdue: flags.overdue === true,
      stale,
      blocked: flags.blocked === true,
      dueBefore: flags.dueBefore as string | undefined,
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
  const owners = [...options.owner];
  if (options.mine) owners.push((await currentActor(deps, repo)).person);
  const zone = await deps.readerZone();
  const filter: TaskFilter = {
    statuses: options.status,
    owners,
    labels: options.label,
    goals: options.goal,
    overdue: options.overdue,
    blocked: options.blocked,
    includeClosed: options.all,
    ...(options.stale !== undefined ? { staleIds: await staleIds(deps, tasks, config, options.stale || staleWorkingDays(config)) } : {}),
    ...(options.dueBefore !== undefined ? { dueBefore: dueMoment(parseDueInput(options.dueBefore, now, zone), zone).startOf("day").toMillis() } : {}),
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
