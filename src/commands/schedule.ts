import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { usageError } from "../app/errors.js";
import type { CommandResult } from "../render/output.js";
import { cronLines, renderGithubSchedule } from "../reports/schedule.js";
import { withExamples } from "./shared/help.js";

/**
 * `tasks schedule github|gitlab`: the UTC cron lines a scheduled CI job needs so that
 * `tasks standup --due-now` runs when each person's working day starts (and `tasks handoff
 * --due-now` when it ends), for the roster as it is,
 * over the next year (both offsets of a zone with summer time).
 */

export const SCHEDULE_HOSTS = ["github", "gitlab"] as const;

export function registerSchedule(program: Command, deps: Deps): void {
  const command = program
    .command("schedule")
    .argument("<host>", `the CI: ${SCHEDULE_HOSTS.join(" or ")}`)
    .description("the cron lines (UTC) for a scheduled job that posts each person's standup when their working day starts, and their handoffs when it ends");
  withExamples(command, ["tasks schedule github", "tasks schedule gitlab", "tasks schedule github --json | jq -r '.lines[].cron'"]);
  command.action(async (host: string) => emitResult(deps, await runSchedule(host, deps)));
}

export async function runSchedule(host: string, deps: Deps): Promise<CommandResult> {
  if (!(SCHEDULE_HOSTS as readonly string[]).includes(host)) throw usageError(`schedule ${host}: no such CI`, `use one of: ${SCHEDULE_HOSTS.join(", ")}`);
  const { config } = await deps.repo();
  const lines = cronLines(config.team, deps.now());
  const endLines = cronLines(config.team, deps.now(), undefined, "end");
  const rows = (some: typeof lines) => some.map((l) => `${l.cron.padEnd(24)} # ${l.people.join(", ")}`);
  const text =
    host === "github"
      ? renderGithubSchedule(lines, endLines)
      : [
          "# One pipeline schedule per line (Build → Pipeline schedules), cron timezone UTC.",
          "# Day starts, running `tasks standup --due-now --post <target>`:",
          ...rows(lines),
          ...(endLines.length > 0 ? ["# Day ends (variable RITUAL=handoff), running `tasks handoff --due-now --post <target>`:", ...rows(endLines)] : []),
          "",
        ].join("\n");
  const json = (some: typeof lines) => some.map((l) => ({ cron: l.cron, people: l.people }));
  return { json: { schemaVersion: 1, kind: "schedule", host, lines: json(lines), endLines: json(endLines) }, plain: text, human: () => text };
}
