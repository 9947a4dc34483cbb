import { type CliResult, runCli } from "./cli.js";
import { makeRepo, type RepoOptions, type TestRepo, taskFile } from "./repo.js";

/**
 * A repository with a team over three zones, and task history written at pinned moments by the
 * people who made it: the ground the report end-to-end tests stand on.
 */

export const PEOPLE = {
  alice: { name: "Alice Ng", email: "alice@example.com" },
  bob: { name: "Bob Okafor", email: "bob@example.com" },
  chitra: { name: "Chitra Rao", email: "chitra@example.com" },
} as const;
export type Person = keyof typeof PEOPLE;

export const ROSTER = `timezone: Europe/Berlin
team:
  alice:
    name: Alice Ng
    email: alice@example.com
    timezone: Europe/Berlin
  bob:
    name: Bob Okafor
    email: bob@example.com
    timezone: America/New_York
  chitra:
    name: Chitra Rao
    email: chitra@example.com
    timezone: Asia/Kolkata
`;

export interface SeedTask {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly owner?: string;
  readonly due?: string;
  readonly goal?: string;
  readonly labels?: readonly string[];
  readonly dod?: readonly string[];
  readonly description?: string;
  /** Log lines after `- ` (stamp, who, text). */
  readonly log: readonly string[];
}

export interface TeamRepo extends TestRepo {
  pathOf(id: string): string;
  /** Writes the task file as given and commits it as `who` at `at`. */
  save(task: SeedTask, at: string, who: Person): string;
  /** Runs the built CLI as `who` at the moment `at` (clock and commit dates pinned there). */
  tasksAt(args: readonly string[], at: string, who?: Person): Promise<CliResult>;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function makeTeamRepo(options: RepoOptions = {}): TeamRepo {
  const repo = makeRepo(options);
  repo.write(".tasks/config.yml", ROSTER);
  repo.write("tasks/.gitkeep", "");
  repo.commit("tasks: init", { date: "2026-11-02T09:00:00Z" });
  const paths = new Map<string, string>();
  return {
    ...repo,
    pathOf(id) {
      const path = paths.get(id);
      if (!path) throw new Error(`no seeded task ${id}`);
      return path;
    },
    save(task, at, who) {
      const path = paths.get(task.id) ?? `tasks/2026-11/${task.id}-${slug(task.title)}.md`;
      paths.set(task.id, path);
      const fields: Record<string, string | string[]> = { id: task.id, title: task.title, status: task.status };
      if (task.owner) fields.owner = task.owner;
      if (task.due) fields.due = task.due;
      if (task.goal) fields.goal = task.goal;
      if (task.labels) fields.labels = [...task.labels];
      if (task.dod) fields["definition-of-done"] = [...task.dod];
      repo.write(path, taskFile(fields, `${task.description ? `${task.description}\n` : ""}\n## Log\n${task.log.map((line) => `- ${line}\n`).join("")}`));
      return repo.commit(`tasks: change ${task.id} ${task.title}\n\nTask-Id: ${task.id}`, { date: at, author: PEOPLE[who] });
    },
    tasksAt(args, at, who = "alice") {
      const person = PEOPLE[who];
      return runCli(args, {
        cwd: repo.dir,
        env: {
          ...repo.env,
          TASKS_NOW: at,
          GIT_AUTHOR_DATE: at,
          GIT_COMMITTER_DATE: at,
          GIT_AUTHOR_NAME: person.name,
          GIT_AUTHOR_EMAIL: person.email,
          GIT_COMMITTER_NAME: person.name,
          GIT_COMMITTER_EMAIL: person.email,
        },
      });
    },
  };
}
