import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { postNote, type PostRequest, postRequest } from "../app/post-flow.js";
import { loadCodeLinks } from "../app/code-links.js";
import { loadHistory } from "../app/history.js";
import type { CommandResult } from "../render/output.js";
import { buildWeeklyView, weeklyHistorySince } from "../reports/weekly.js";
import { isoWeek } from "../reports/windows.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning } from "./shared/load-tasks.js";
import { addPostOptions } from "./shared/post-options.js";
import { addNoteOptions, needsRendering, type NoteOptions, noteOptions, noteResult, renderNote } from "./shared/rendered-note.js";

export interface WeeklyOptions extends NoteOptions {
  readonly week?: string;
  readonly post?: PostRequest;
}

export function registerReport(program: Command, deps: Deps): void {
  const report = program.command("report").description("summaries for the team: report weekly").addHelpCommand(false);
  const weekly = report
    .command("weekly")
    .description("the weekly summary: completed (by owner), started, created, slipped, overdue, blocked, stale; per goal; throughput, cycle time, on-time rate")
    .option("--week <week>", "the ISO week, in the repository's time zone (default: this week)");
  addNoteOptions(weekly);
  addPostOptions(weekly, { dryRun: true });
  withExamples(weekly, ["tasks report weekly", "tasks report weekly --post slack --dry-run", "tasks report weekly --week 2026-W47 --out weekly.md", "tasks report weekly --json | jq .metrics"]);
  weekly.action(async (flags: { week?: string; template?: string; out?: string; post?: string[]; dryRun?: boolean; force?: boolean }) =>
    emitResult(deps, await runWeekly({ ...(flags.week !== undefined ? { week: flags.week } : {}), ...noteOptions(flags), post: postRequest(flags) }, deps)),
  );
}

export async function runWeekly(options: WeeklyOptions, deps: Deps): Promise<CommandResult> {
  const { repo, tasks } = await loadTasksWarning(deps);
  const { config } = repo;
  const now = deps.now();
  const week = isoWeek(options.week, now, config.timezone);
  const [{ events }, code] = await Promise.all([
    loadHistory(deps, { since: weeklyHistorySince(config, tasks, week, now) }),
    // Code for the week's work may be older than the week: one pass over the 90 days before it.
    loadCodeLinks(deps, { tasks, since: new Date(week.start.toMillis() - 90 * 86_400_000) }),
  ]);
  const linkedIds = new Set([...code.links.byTask.keys()].filter((id) => (code.links.byTask.get(id) ?? []).length > 0));
  const model = buildWeeklyView({ config, tasks, events, now, week, linkedIds });
  const posting = (options.post?.targets.length ?? 0) > 0;
  const text = needsRendering(deps, options) || posting ? await renderNote(deps, "weekly", model, options) : undefined;
  const result = await noteResult(deps, model, text, options);
  if (!options.post || !posting || text === undefined) return result;
  return postNote(deps, { ritual: "weekly", markdown: text, data: model }, { who: "team", day: week.label }, options.post, result);
}
