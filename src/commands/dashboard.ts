import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { gatherDashboardInputs } from "../app/dashboard-inputs.js";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { warnInterrupted } from "../app/interrupted-change.js";
import { usageError } from "../app/errors.js";
import { problemLine } from "../domain/task.js";
import { renderDashboardHtml } from "../render/dashboard-html.js";
import type { JsonOf } from "../render/json-schemas/index.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { buildDashboardView } from "../reports/dashboard.js";
import { writeOutputFile } from "../storage/safe-fs.js";
import { withExamples } from "./shared/help.js";

export const DEFAULT_OUT = "tasks-dashboard.html";
const MAX_WEEKS = 52;

export interface DashboardOptions {
  /** A file, or `-` for stdout; undefined for the default file. */
  readonly out?: string;
  readonly weeks: number;
}

export function registerDashboard(program: Command, deps: Deps): void {
  const command = program
    .command("dashboard")
    .description("one self-contained HTML page: the board, the team, delivery over the last weeks, goals, what needs attention, every task")
    .option("--out <file>", `write the page to <file> (default ${DEFAULT_OUT}; - for stdout; replaced atomically)`)
    .option("--weeks <n>", "weeks of delivery history to chart (1 to 52)", "8")
    .addHelpText(
      "after",
      "\nThe page needs no network, and no JavaScript to read (filters need it); what is on it:\nhttps://github.com/git-tasks/git-tasks/blob/main/docs/dashboard.md\nWith --json, the page's data is printed instead; the page is written only when\n--out names a file.",
    );
  withExamples(command, ["tasks dashboard", "tasks dashboard --out public/index.html --weeks 12", "tasks dashboard --out - > board.html", "tasks dashboard --json | jq '.weeks[] | {label, throughput}'"]);
  command.action(async (flags: { out?: string; weeks: string }) => emitResult(deps, await runDashboard({ ...(flags.out !== undefined ? { out: flags.out } : {}), weeks: parseWeeks(flags.weeks) }, deps)));
}

function parseWeeks(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WEEKS) throw usageError(`--weeks "${value}" is not a number of weeks`, `use a whole number from 1 to ${MAX_WEEKS}`);
  return n;
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64");

export async function runDashboard(options: DashboardOptions, deps: Deps): Promise<CommandResult> {
  const json = deps.mode() === "json";
  if (json && options.out === "-") throw usageError("--json and --out - both want stdout", "write the page to a file with --out <file>, or leave out --json");
  const inputs = await gatherDashboardInputs(deps, options.weeks);
  for (const problem of inputs.problems) deps.warn(`warning: ${problemLine(problem)} (skipped)`);
  await warnInterrupted(deps);
  const view = buildDashboardView({
    config: inputs.repo.config,
    tasks: inputs.tasks,
    events: inputs.events,
    now: deps.now(),
    weeks: inputs.weeks,
    findings: inputs.findings,
    commit: inputs.commit,
    repository: basename(inputs.repo.root),
  });
  // The view is the --json document: its type must fit the published schema (checked here, at
  // compile time; the contract test checks the fields the type cannot, such as extra ones).
  const document: JsonOf<"dashboard"> = view;
  if (json && options.out === undefined) return { json: document, plain: "", human: () => "" };
  const html = renderDashboardHtml(view, { sha256 });
  if (options.out === "-") return { json: view, plain: html, human: () => html };
  const out = options.out ?? DEFAULT_OUT;
  await writeOutputFile(resolve(deps.cwd(), out), html);
  const line = `${sanitizeLine(out)}\n`;
  return { json: view, plain: line, human: () => line };
}
