import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { TasksError } from "../app/errors.js";
import { changeConfig } from "../app/roster-write.js";
import { currentActor } from "../app/task-transaction.js";
import { findMember, handleFor } from "../domain/config.js";
import { isoIn } from "../reports/format.js";
import { envelope } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { renderTeamTable, renderTeamTsv } from "../render/team-text.js";
import { buildTeamView } from "../reports/team.js";
import { addCommitOption, type CommitFlag, withExamples } from "./shared/help.js";
import { loadTasksWarning } from "./shared/load-tasks.js";

export function registerTeam(program: Command, deps: Deps): void {
  const command = program
    .command("team")
    .description("the roster now: each person's local time, whether they are working or away, when their next window starts (in your zone), the work they hold");
  withExamples(command, ["tasks team", "tasks team --json | jq '.members[] | select(.working)'", 'tasks team away alice 2026-12-21..2027-01-03 --note "family"']);
  command.action(async () => emitResult(deps, await runTeam(deps)));

  const away = command
    .command("away")
    .description("add a period of time off to a person's roster entry (one commit of .tasks/config.yml)")
    .argument("<who>", "a roster handle, an email on the roster, or me")
    .argument("<period>", "FROM..TO or one day: dates (the last day included) or date-times in the person's zone (2027-02-01T13:00)")
    .option("--note <text>", "why, for the team (shown by tasks team)");
  addCommitOption(away);
  withExamples(away, ['tasks team away alice 2026-12-21..2027-01-03 --note "family"', "tasks team away me 2027-02-01", "tasks team away bob 2027-03-01T13:00..2027-03-01T17:00"]);
  away.action(async (who: string, period: string, options: { note?: string } & CommitFlag) => emitResult(deps, await runTeamAway(deps, who, period, options)));
}

export async function runTeam(deps: Deps): Promise<CommandResult> {
  const { repo, tasks } = await loadTasksWarning(deps);
  const view = buildTeamView({ config: repo.config, tasks, now: deps.now(), readerZone: await deps.readerZone() });
  return {
    json: view,
    plain: renderTeamTsv(view),
    human: (out) => {
      if (view.members.length === 0) {
        deps.note("No team roster yet: add people under team: in .tasks/config.yml");
        return "";
      }
      return renderTeamTable(view, out);
    },
  };
}

const PERIOD = /^[0-9T:+\-Z.]+$/;

export async function runTeamAway(deps: Deps, who: string, period: string, options: { note?: string } & CommitFlag): Promise<CommandResult> {
  const repo = await deps.repo();
  const me = who === "me" ? (await currentActor(deps, repo)).person : who;
  const handle = handleFor(repo.config, who, me);
  const member = findMember(repo.config, handle);
  if (!member) {
    throw new TasksError("INVALID_VALUE", `${sanitizeLine(who)} is not on the roster`, { hint: "add them under team: in .tasks/config.yml first (tasks team lists the roster)" });
  }
  const parts = period.split("..").map((p) => p.trim());
  if (parts.length > 2 || parts.some((p) => p === "" || !PERIOD.test(p))) {
    throw new TasksError("INVALID_VALUE", `"${sanitizeLine(period)}" is not a period`, { hint: "write FROM..TO, e.g. 2026-12-21..2027-01-03, or one date, or date-times like 2027-02-01T13:00..2027-02-01T17:00" });
  }
  const [from, to] = [parts[0] as string, parts[1] ?? (parts[0] as string)];
  const note = options.note === undefined ? null : options.note.replace(/\s+/g, " ").trim() || null;
  const { addAwayPeriod } = await import("../storage/config-edit.js");
  const { oneLine } = await import("../git/commit-message.js");
  const subject = oneLine(`tasks: away ${member.handle} ${from === to ? from : `${from}..${to}`}${note ? ` ${note}` : ""}`).slice(0, 72);
  const already = (member.away ?? []).some((p) => p.from === from && p.to === to && p.note === note);
  const result = already
    ? { config: repo.config, commit: null, changed: false }
    : await changeConfig(deps, {
        edit: (text) => addAwayPeriod(text, member.handle, { from, to, note }),
        message: { subject, trailers: [["Task-Action", "away"], ["Task-Person", member.handle]] },
        commit: options.commit !== false,
      });
  const added = [...(findMember(result.config, member.handle)?.away ?? [])].reverse().find((p) => p.from === from && p.to === to);
  if (!added) throw new TasksError("INTERNAL", "the period was written but does not read back");
  const zone = member.timezone;
  const json = envelope("team-away", {
    handle: member.handle,
    from,
    to,
    note,
    start: isoIn(new Date(added.start), zone),
    end: isoIn(new Date(added.end), zone),
    changed: result.changed,
    commit: result.commit,
  });
  return {
    json,
    plain: `${member.handle}\t${json.start}\t${json.end}\n`,
    human: ({ style }) =>
      `${result.changed ? style.green("away") : style.dim("already away")} ${sanitizeLine(member.handle)} ${sanitizeLine(from === to ? from : `${from}..${to}`)}${note ? ` (${sanitizeLine(note)})` : ""}${result.commit ? style.dim(` [${result.commit.slice(0, 7)}]`) : ""}\n`,
  };
}
