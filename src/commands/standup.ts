import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { postNote, type PostRequest, postRequest } from "../app/post-flow.js";
import { usageError } from "../app/errors.js";
import { loadHistory } from "../app/history.js";
import { currentActor } from "../app/task-transaction.js";
import { findMember } from "../domain/config.js";
import { cleanText } from "../domain/field-input.js";
import { localDateOf } from "../domain/time.js";
import { scheduleFor } from "../domain/working-time.js";
import type { CommandResult } from "../render/output.js";
import { buildStandupView, type StandupScope } from "../reports/standup.js";
import { standupMoment, standupWindow } from "../reports/windows.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning } from "./shared/load-tasks.js";
import { addPostOptions } from "./shared/post-options.js";
import { addNoteOptions, needsRendering, type NoteOptions, noteOptions, noteResult, renderNote } from "./shared/rendered-note.js";

export interface StandupOptions extends NoteOptions {
  readonly me: boolean;
  readonly owner: readonly string[];
  readonly team: boolean;
  readonly date?: string;
  readonly post?: PostRequest;
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
  addPostOptions(command, { dryRun: true });
  withExamples(command, ["tasks standup", "tasks standup --post slack --post teams", "tasks standup --team --out standup.md", "tasks standup --owner bob --date 2026-11-20", "tasks standup --json | jq '.people[0].done'"]);
  command.action(async (flags: { me?: boolean; owner?: string[]; team?: boolean; date?: string; template?: string; out?: string; post?: string[]; dryRun?: boolean; force?: boolean }) =>
    emitResult(
      deps,
      await runStandup(
        { me: flags.me === true, owner: flags.owner ?? [], team: flags.team === true, ...(flags.date !== undefined ? { date: flags.date } : {}), ...noteOptions(flags), post: postRequest(flags) },
        deps,
      ),
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
  const { events } = await loadHistory(deps, { since: new Date(since) });
  const model = buildStandupView({ config, tasks, events, now, date: options.date, scope, people, readerZone: await deps.readerZone() });
  const posting = (options.post?.targets.length ?? 0) > 0;
  const text = needsRendering(deps, options) || posting ? await renderNote(deps, "standup", model, options) : undefined;
  const result = await noteResult(deps, model, text, options);
  if (!options.post || !posting || text === undefined) return result;
  // One person's standup is theirs, on their local day; several people's is the team's, on the repository's day.
  const [only] = people;
  const who = people.length === 1 && only !== undefined && scope !== "team" ? only : "team";
  const zone = who === "team" ? config.timezone : scheduleFor(config, who).timezone;
  const day = localDateOf(standupMoment(options.date, now, zone).getTime(), zone);
  return postNote(deps, { ritual: "standup", markdown: text, data: model }, { who, day }, options.post, result);
}
