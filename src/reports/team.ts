import { type Config, categoryOf } from "../domain/config.js";
import type { Task } from "../domain/task.js";
import { personNow } from "./person-now.js";
import { isLate, isOwnedBy } from "./task-facts.js";
import type { teamMemberSchema, teamSchema } from "../render/json-schemas/reports.js";
import type { Infer } from "../render/json-schemas/schema.js";

/**
 * The roster now: each member's local time, whether they are inside their working hours, when
 * their next window starts (in the reader's zone too), and the work they hold.
 */

export interface TeamInput {
  readonly config: Config;
  readonly tasks: readonly Task[];
  readonly now: Date;
  readonly readerZone: string;
}

export type TeamMember = Infer<typeof teamMemberSchema>;

export type TeamView = Infer<typeof teamSchema>;

export function buildTeamView(input: TeamInput): TeamView {
  const { config, now, readerZone } = input;
  const members = config.team.map((member) => {
    const held = input.tasks.filter((task) => isOwnedBy(task.owner, member.handle, config));
    const count = (category: string) => held.filter((task) => categoryOf(config, task.status) === category).length;
    return {
      ...personNow(config, member.handle, now, readerZone),
      counts: { open: count("open"), active: count("active"), blocked: count("blocked"), overdue: held.filter((task) => isLate(task, config, now)).length },
    };
  });
  return { schemaVersion: 1, kind: "team", generatedAt: now.toISOString(), readerZone, members };
}
