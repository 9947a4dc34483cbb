import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { CATEGORIES, categoryOf } from "../domain/config.js";
import { isOverdue, sortTasks } from "../domain/query.js";
import { type BoardColumn, renderBoard, renderBoardTsv } from "../render/board-text.js";
import { envelope, toTaskJson } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning, problemJson } from "./shared/load-tasks.js";

export interface BoardOptions {
  /** How many closed cards to show (the newest); all with --all. */
  readonly closedLimit: number;
}

export function registerBoard(program: Command, deps: Deps): void {
  const command = program
    .command("board")
    .description("columns by status category (open, active, blocked, closed), each card with id, title, owner and due")
    .option("-a, --all", "show every closed task (default: the 10 newest)");
  withExamples(command, ["tasks board", "tasks board --json | jq '.columns[] | {category, count}'"]);
  command.action(async (flags: { all?: boolean }) => emitResult(deps, await runBoard({ closedLimit: flags.all ? Number.POSITIVE_INFINITY : 10 }, deps)));
}

export async function runBoard(options: BoardOptions, deps: Deps): Promise<CommandResult> {
  const { repo, tasks, problems } = await loadTasksWarning(deps);
  const { config } = repo;
  const now = deps.now();
  const columns: BoardColumn[] = CATEGORIES.map((category) => {
    const inColumn = tasks.filter((t) => categoryOf(config, t.status) === category);
    const ordered = category === "closed" ? sortTasks(inColumn, "created", config).reverse() : sortTasks(inColumn, "due", config);
    const shown = category === "closed" ? ordered.slice(0, options.closedLimit) : ordered;
    return { category, cards: shown.map((task) => ({ task, overdue: isOverdue(task, config, now) })), hidden: ordered.length - shown.length };
  });
  const unknown = tasks.filter((t) => categoryOf(config, t.status) === undefined);
  for (const task of unknown) deps.warn(`warning: ${task.path}: status "${task.status}" is not configured; the task is not on the board`);
  return {
    // Each mode's text is built only when that mode is asked for.
    get json() {
      return envelope("board", {
        columns: columns.map((c) => ({ category: c.category, count: c.cards.length + c.hidden, tasks: c.cards.map(({ task }) => toTaskJson(task, c.category)) })),
        problems: problems.map(problemJson),
      });
    },
    get plain() {
      return renderBoardTsv(columns);
    },
    human: (view) => renderBoard(columns, view),
  };
}
