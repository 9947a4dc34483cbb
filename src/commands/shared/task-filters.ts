import type { Command } from "commander";
import type { Deps, Repo } from "../../app/deps.js";
import { currentActor } from "../../app/task-transaction.js";
import { splitList } from "../../domain/field-input.js";
import type { TaskFilter } from "../../domain/query.js";
import { dueMoment, parseDueInput } from "../../domain/time.js";

/** The filters `list` and `next` share: the same options, parsed the same way, into one TaskFilter. */

export interface FilterOptions {
  readonly status: readonly string[];
  readonly owner: readonly string[];
  readonly mine: boolean;
  readonly label: readonly string[];
  readonly goal: readonly string[];
  readonly overdue: boolean;
  readonly dueBefore: string | undefined;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...splitList(value)];

export function addFilterOptions(command: Command): Command {
  return command
    .option("-s, --status <status>", "only these statuses or categories (open, active, blocked, closed); repeatable", collect)
    .option("-o, --owner <who>", "only tasks owned by <who> (handle, email, or 'none'); repeatable", collect)
    .option("-m, --mine", "only my tasks")
    .option("-l, --label <label>", "only tasks with every given label; repeatable", collect)
    .option("-g, --goal <goal>", "only tasks toward this goal; repeatable", collect)
    .option("--overdue", "only open work past its due moment (in the owner's zone)")
    .option("--due-before <date>", "only tasks due before <date> (2026-12-01, friday, +3d…)");
}

export function filterOptions(flags: Record<string, unknown>): FilterOptions {
  return {
    status: (flags.status as string[] | undefined) ?? [],
    owner: (flags.owner as string[] | undefined) ?? [],
    mine: flags.mine === true,
    label: (flags.label as string[] | undefined) ?? [],
    goal: (flags.goal as string[] | undefined) ?? [],
    overdue: flags.overdue === true,
    dueBefore: flags.dueBefore as string | undefined,
  };
}

/** The TaskFilter the options ask for; `--mine` is the current git identity's roster handle. */
export async function taskFilter(deps: Deps, repo: Repo, options: FilterOptions): Promise<TaskFilter> {
  const now = deps.now();
  const owners = [...options.owner];
  if (options.mine) owners.push((await currentActor(deps, repo)).person);
  const zone = await deps.readerZone();
  return {
    statuses: options.status,
    owners,
    labels: options.label,
    goals: options.goal,
    overdue: options.overdue,
    ...(options.dueBefore !== undefined ? { dueBefore: dueMoment(parseDueInput(options.dueBefore, now, zone), zone).startOf("day").toMillis() } : {}),
  };
}
