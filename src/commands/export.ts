import { type Command, Option } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { categoryOf } from "../domain/config.js";
import { filterTasks, sortTasks } from "../domain/query.js";
import { renderTasksCsv } from "../render/export-csv.js";
import { envelope, renderJson, toTaskJson } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeText } from "../render/sanitize.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning } from "./shared/load-tasks.js";
import { addFilterOptions, type FilterOptions, filterOptions, taskFilter } from "./shared/task-filters.js";

export interface ExportOptions extends FilterOptions {
  readonly format: "csv" | "json";
}

export function registerExport(program: Command, deps: Deps): void {
  const command = addFilterOptions(
    program.command("export").description("print tasks as CSV or JSON for another tool; every task, closed ones too, unless the filters (the same as list's) narrow it"),
  ).addOption(new Option("-f, --format <format>", "csv or json").choices(["csv", "json"]).default("csv"));
  withExamples(command, ["tasks export > tasks.csv", "tasks export --format json --label auth > auth.json", "tasks export --status open --owner bob"]);
  command.action(async (flags: Record<string, unknown>) => {
    await emitResult(deps, await runExport({ ...filterOptions(flags), format: flags.format as "csv" | "json" }, deps));
  });
}

export async function runExport(options: ExportOptions, deps: Deps): Promise<CommandResult> {
  const { repo, tasks } = await loadTasksWarning(deps);
  const { config } = repo;
  const filter = { ...(await taskFilter(deps, repo, options)), includeClosed: true };
  const shown = sortTasks(filterTasks(tasks, filter, config, deps.now()), "id", config);
  const json = (): unknown => envelope("export", { count: shown.length, tasks: shown.map((t) => ({ ...toTaskJson(t, categoryOf(config, t.status) ?? null), body: t.body })) });
  // Piped or redirected, the data goes out as it is in the files; on a terminal, hidden and
  // control characters are shown escaped, so a hostile title cannot drive the terminal.
  const text = (): string => (options.format === "json" ? renderJson(json()) : renderTasksCsv(shown));
  return {
    get json() {
      return json();
    },
    get plain() {
      return text();
    },
    human: () => sanitizeText(text()),
  };
}
