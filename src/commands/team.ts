import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import type { CommandResult } from "../render/output.js";
import { renderTeamTable, renderTeamTsv } from "../render/team-text.js";
import { buildTeamView } from "../reports/team.js";
import { withExamples } from "./shared/help.js";
import { loadTasksWarning } from "./shared/load-tasks.js";

export function registerTeam(program: Command, deps: Deps): void {
  const command = program
    .command("team")
    .description("the roster now: each person's local time, whether they are working, when their next window starts (in your zone), the work they hold");
  withExamples(command, ["tasks team", "tasks team --json | jq '.members[] | select(.working)'"]);
  command.action(async () => emitResult(deps, await runTeam(deps)));
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
