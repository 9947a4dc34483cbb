import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { postNote, type PostRequest, postRequest } from "../app/post-flow.js";
import { usageError } from "../app/errors.js";
import { loadCodeLinks } from "../app/code-links.js";
import { loadHistory } from "../app/history.js";
import { currentActor } from "../app/task-transaction.js";
import { findMember } from "../domain/config.js";
import { cleanText } from "../domain/field-input.js";
import { localDateOf } from "../domain/time.js";
import { scheduleFor } from "../domain/working-time.js";
import type { CommandResult } from "../render/output.js";
import { dueNow } from "../reports/schedule.js";
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
  /** `--due-now`: the people whose working day started in the last this many minutes. */
  readonly dueWithin?: number;
}

const many = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerStandup(program: Command, deps: Deps): void {
  const command = program
    .command("standup")
    .description("the async standup: per person, since the start of their previous working day (their zone, hours, days): done, in progress, blocked, next, overdue")
    .option("--me", "my standup (the default)")
    .option("-o, --owner <who>", "the standup of <who> (handle or email); repeatable", many)
    .option("--team", "everyone on the roster, and anyone else holding work, grouped by person")
    .option("--date <date>", "write it as of the end of <date> (2026-11-20) or an exact date-time, not now")
    .option("--due-now", "for a scheduled job: the standup of each person whose working day started in the last --interval, one note (and post) each")
    .option("--interval <minutes>", "with --due-now: how far back a working day's start counts (the schedule's spacing)", "60");
  addNoteOptions(command);
  addPostOptions(command, { dryRun: true });
  withExamples(command, ["tasks standup", "tasks standup --post slack --post teams", "tasks standup --due-now --post slack", "tasks standup --team --out standup.md", "tasks standup --owner bob --date 2026-11-20", "tasks standup --json | jq '.people[0].done'"]);
  command.action(async (flags: { me?: boolean; owner?: string[]; team?: boolean; date?: string; template?: string; out?: string; post?: string[]; dryRun?: boolean; force?: boolean; dueNow?: boolean; interval: string }) =>
    emitResult(
      deps,
      await runStandup(
        { me: flags.me === true, owner: flags.owner ?? [], team: flags.team === true, ...(flags.date !== undefined ? { date: flags.date } : {}), ...noteOptions(flags), post: postRequest(flags), ...(flags.dueNow ? { dueWithin: intervalMinutes(flags.interval) } : {}) },
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

function intervalMinutes(text: string): number {
  const minutes = Number(text);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw usageError(`--interval ${text}: not a number of minutes`, "use a whole number from 1 to 1440, e.g. --interval 60");
  return minutes;
}

/** `--due-now`: one standup per person whose day just started, each its own note and post. */
async function runDueNow(options: StandupOptions, minutes: number, deps: Deps): Promise<CommandResult> {
  if (options.me || options.team || options.owner.length > 0 || options.date !== undefined || options.out !== undefined) {
    throw usageError("--due-now chooses the people and the moment itself", "leave out --me, --owner, --team, --date and --out");
  }
  const { config } = await deps.repo();
  // Away days and holidays are not working days: nobody is sent a standup on them.
  const due = dueNow(config.team, deps.now(), minutes, (member) => scheduleFor(config, member.handle));
  if (due.length === 0) deps.note(`nobody's working day started in the last ${minutes} minutes`);
  const results: CommandResult[] = [];
  const { dueWithin: _unused, ...rest } = options;
  for (const member of due) results.push(await runStandup({ ...rest, owner: [member.handle] }, deps));
  const plain = results.map((r) => r.plain).join("\n");
  const failed = results.find((r) => r.exitCode !== undefined);
  return {
    json: { schemaVersion: 1, kind: "standup-due-now", intervalMinutes: minutes, people: due.map((m) => m.handle), standups: results.map((r) => r.json) },
    plain,
    human: () => plain,
    ...(failed?.exitCode !== undefined ? { exitCode: failed.exitCode } : {}),
  };
}

export async function runStandup(options: StandupOptions, deps: Deps): Promise<CommandResult> {
  if (options.dueWithin !== undefined) return runDueNow(options, options.dueWithin, deps);
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
