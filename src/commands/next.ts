import type { Command } from "commander";
import { type ClaimOutcome, claimNow } from "../app/claim-flow.js";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { TasksError, usageError } from "../app/errors.js";
import { currentActor } from "../app/task-transaction.js";
import { type Config, categoryOf } from "../domain/config.js";
import { filterTasks, sortTasks } from "../domain/query.js";
import { buildReadyQueue, isTakeover, ownExclusions, type QueueEntry } from "../domain/ready-queue.js";
import type { Task } from "../domain/task.js";
import { toTaskJson } from "../render/json.js";
import { type NextClaimJson, toNextJson } from "../render/next-json.js";
import { renderNextTable, renderNextTsv } from "../render/next-text.js";
import type { CommandResult } from "../render/output.js";
import { exclusionsText, type ReasonContext } from "../reports/next-reasons.js";
import { claimResult } from "./shared/claim-result.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning, problemJson } from "./shared/load-tasks.js";
import { addFilterOptions, type FilterOptions, filterOptions, taskFilter } from "./shared/task-filters.js";

export interface NextOptions extends FilterOptions {
  readonly explain: boolean;
  readonly all: boolean;
  readonly limit: number | undefined;
  readonly claim: boolean;
}

/** How many workable tasks `--claim` tries, each lost to someone else's claim, before it gives up. */
export const MAX_CLAIM_TRIES = 5;

export function registerNext(program: Command, deps: Deps): void {
  const command = addFilterOptions(
    program
      .command("next")
      .description("the ready queue: what you can pick up now (open, not blocked, every depends-on closed, unowned or yours), most pressing first"),
  )
    .option("--explain", "say why each task is where it is")
    .option("-a, --all", "also list the tasks left out, each with the reason")
    .option("-n, --limit <n>", "only the first <n> tasks")
    .option("--claim", "claim the first workable task; with an upstream it is published at once, and on a lost race the next one is tried");
  withExamples(command, ["tasks next", "tasks next --explain --label auth", "tasks next --all", "tasks next --claim", "tasks next --json | jq -r '.tasks[0].task.id'"]);
  command.action(async (flags: Record<string, unknown>) => {
    const limit = flags.limit === undefined ? undefined : Number(flags.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw usageError(`--limit takes a whole number, not "${String(flags.limit)}"`, "e.g. tasks next --limit 3");
    const options: NextOptions = { ...filterOptions(flags), explain: flags.explain === true, all: flags.all === true, limit, claim: flags.claim === true };
    if (options.claim && (options.all || options.explain)) throw usageError("--claim prints the task it claimed, not the queue", "see the queue first with: tasks next --explain");
    await emitResult(deps, await runNext(options, deps));
  });
}

function isPassedOver(error: unknown): error is TasksError {
  return error instanceof TasksError && (error.code === "ALREADY_CLAIMED" || error.code === "INVALID_TRANSITION");
}

/** Claims the first workable task that is still free; on a lost race (or a change upstream), the next. */
async function claimFirst(deps: Deps, entries: readonly QueueEntry[], config: Config, me: string): Promise<{ outcome: ClaimOutcome | null; skipped: NextClaimJson["skipped"] }> {
  // The queue was read from this clone; the upstream's copy of the task must still be free and open.
  const accept = (task: Task): string | null => {
    const reasons = ownExclusions(task, config, me, deps.now());
    return reasons.length > 0 && !isTakeover(reasons) ? exclusionsText(reasons) : null;
  };
  const skipped: { id: string; code: string; message: string }[] = [];
  for (const entry of entries.slice(0, MAX_CLAIM_TRIES)) {
    try {
      return { outcome: await claimNow(deps, { id: entry.task.id, force: false, commit: true, offline: false, accept }), skipped };
    } catch (error) {
      if (!isPassedOver(error)) throw error;
      skipped.push({ id: entry.task.id, code: error.code, message: error.message });
      deps.warn(`${error.message}: trying the next task`);
    }
  }
  if (skipped.length === 0) return { outcome: null, skipped };
  throw new TasksError("ALREADY_CLAIMED", `nothing claimed: ${skipped.map((s) => s.id).join(", ")} ${skipped.length === 1 ? "was" : "were"} taken first`, {
    hint: "see what is left with: tasks next",
    details: { skipped },
  });
}

export async function runNext(options: NextOptions, deps: Deps): Promise<CommandResult> {
  const { repo, tasks, problems } = await loadTasksWarning(deps);
  const { config } = repo;
  const now = deps.now();
  const me = (await currentActor(deps, repo)).person;
  const matching = filterTasks(tasks, { ...(await taskFilter(deps, repo, options)), includeClosed: true }, config, now);
  // Closed tasks are never offered: unless they are listed (--all), their order does not matter,
  // and sorting them (most of a big folder) is not worth it.
  let candidates: Task[];
  if (options.all) candidates = sortTasks(matching, "status", config);
  else {
    const [unclosed, closed]: [Task[], Task[]] = [[], []];
    for (const t of matching) (categoryOf(config, t.status) === "closed" ? closed : unclosed).push(t);
    candidates = [...sortTasks(unclosed, "status", config), ...closed];
  }
  const queue = buildReadyQueue({ candidates, all: tasks, config, me, now });
  const workable = options.limit === undefined ? queue.workable : queue.workable.slice(0, options.limit);
  const reasons: ReasonContext = { config, me, now };
  const json = (claim: NextClaimJson | null) =>
    toNextJson({ config, reasons, workable, workableCount: queue.workable.length, excluded: queue.excluded, showExcluded: options.all, claim, problems: problems.map(problemJson) });

  if (options.claim) {
    const { outcome, skipped } = await claimFirst(deps, workable, config, me);
    if (outcome === null) {
      deps.note("Nothing to claim: no task is workable for you. See why with: tasks next --all");
      return { json: json({ claimed: null, skipped }), plain: "", human: () => "" };
    }
    const { task, changed, commit } = outcome.result;
    const published = outcome.publication?.kind === "published" ? { upstream: outcome.publication.upstream, commit: outcome.publication.result.commit } : null;
    const claimed = { changed, commit, published, task: toTaskJson(task, categoryOf(config, task.status) ?? null) };
    return { ...claimResult(outcome, config), json: json({ claimed, skipped }) };
  }

  const text = { workable, excluded: options.all ? queue.excluded : null, explain: options.explain, reasons };
  return {
    get json() {
      return json(null);
    },
    get plain() {
      return renderNextTsv(text);
    },
    human: (view) => {
      if (workable.length === 0 && !options.all) {
        deps.note(queue.excluded.length === 0 ? "Nothing to pick up: no task matches." : `Nothing to pick up: ${queue.excluded.length} ${queue.excluded.length === 1 ? "task is" : "tasks are"} left out. See why with: tasks next --all`);
        return "";
      }
      return renderNextTable(text, view);
    },
  };
}
