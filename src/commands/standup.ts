import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { usageError } from "../app/errors.js";
import { loadCodeLinks } from "../app/code-links.js";
import { loadHistory } from "../app/history.js";
import { currentActor } from "../app/task-transaction.js";
import { findMember } from "../domain/config.js";
import { cleanText } from "../domain/field-input.js";
import { scheduleFor } from "../domain/working-time.js";
import type { CommandResult } from "../render/output.js";
import { buildStandupView, type StandupScope } from "../reports/standup.js";
import { standupMoment, standupWindow } from "../reports/windows.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning } from "./shared/load-tasks.js";
import { addNoteOptions, needsRendering, type NoteOptions, noteOptions, noteResult, renderNote } from "./shared/rendered-note.js";

export interface StandupOptions extends NoteOptions {
  readonly me: boolean;
  readonly owner: readonly string[];
  readonly team: boolean;
  readonly date?: string;
}

const many = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerStandup(program: Command, deps: Deps): void {
  const command = program
    .command("standup")
    .description("the async standup: per person, since the start of their previous working day (their zone, hours, days): done, in progress, blocked, next, overdue")
    .option("--me", "my standup (the default)")
    .option("-o, --owner <who>", "the standup of <who> (handle or email); repeatable", many)
    .option("--team", "everyone on the roster, and anyone else holding work, grouped by person")
    .option("--date <date>", "write it as of the end of <date> (2026-11-20) or an exact date-time, not now");
  addNoteOptions(command);
  withExamples(command, ["tasks standup", "tasks standup --team --out standup.md", "tasks standup --owner bob --date 2026-11-20", "tasks standup --json | jq '.people[0].done'"]);
  command.action(async (flags: { me?: boolean; owner?: string[]; team?: boolean; date?: string; template?: string; out?: string }) =>
    emitResult(
      deps,
      await runStandup({ me: flags.me === true, owner: flags.owner ?? [], team: flags.team === true, ...(flags.date !== undefined ? { date: flags.date } : {}), ...noteOptions(flags) }, deps),
    ),
  );
}

function scopeOf(options: StandupOptions): StandupScope {
  const chosen = [options.me, options.owner.length > 0, options.team].filter(Boolean).length;
  if (chosen > 1) throw usageError("choose one of --me, --owner and --team", "tasks standup (yours), tasks standup --owner bob, or tasks standup --team");
  return options.team ? "team" : options.owner.length > 0 ? "owner" : "me";
}

export async function runStandup(options: StandupOptions, deps: Deps): Promise<CommandResult> {
  const scope = scopeOf(options);
  const { repo, tasks } = await loadTasksWarning(deps);
  const { config } = repo;
  const now = deps.now();
  let people: string[];
  if (scope === "team") people = config.team.map((m) => m.handle);
  else if (scope === "owner") people = options.owner.map((who) => findMember(config, cleanText(who, "owner"))?.handle ?? who.trim());
  else people = [(await currentActor(deps, repo)).person];
  // One history read for everyone: from the earliest window start among the people reported on.
  const owners = scope === "team" ? [...people, ...tasks.flatMap((t) => (t.owner ? [t.owner] : []))] : people;
  let since = now.getTime();
  for (const who of new Set(owners)) {
    const schedule = scheduleFor(config, who);
    since = Math.min(since, standupWindow(standupMoment(options.date, now, schedule.timezone), schedule).from.toMillis());
  }
  const [{ events }, code] = await Promise.all([loadHistory(deps, { since: new Date(since) }), loadCodeLinks(deps, { tasks, since: new Date(since) })]);
  const model = buildStandupView({ config, tasks, events, now, date: options.date, scope, people, readerZone: await deps.readerZone(), codeLinks: code.links });
  const text = needsRendering(deps, options) ? await renderNote(deps, "standup", model, options) : undefined;
  return noteResult(deps, model, text, options);
}
