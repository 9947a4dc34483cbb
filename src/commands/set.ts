import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { mutateTask } from "../app/task-transaction.js";
import { handleFor } from "../domain/config.js";
import { parseAssignments } from "../domain/field-input.js";
import { FIELD, type JsonValue } from "../domain/task.js";
import { assertNotBypassingDone } from "../domain/transitions.js";
import { formatValue } from "../render/history-text.js";
import type { CommandResult } from "../render/output.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

export interface SetOptions {
  readonly id: string;
  readonly assignments: readonly string[];
  readonly commit: boolean;
}

export function registerSet(program: Command, deps: Deps): void {
  const command = program
    .command("set")
    .argument("<id>", "task id or unique prefix")
    .argument("<assignments...>", "key=value, key= (clear), list+=item, list-=item")
    .description("scripted edits of any field, validated before anything is written");
  addCommitOption(command);
  withExamples(command, [
    "tasks set k7m2q priority=high due=friday",
    'tasks set k7m2q labels+=auth "definition-of-done+=Runbook updated"',
    "tasks set k7m2q reviewer=bob goal=q4-reliability",
    "tasks set k7m2q due=           # clear the due date",
  ]);
  command.action(async (id: string, assignments: string[], flags: { commit?: boolean }) =>
    emitResult(deps, await runSet({ id, assignments, commit: flags.commit !== false }, deps)),
  );
}

/** Fields holding a person: `owner=me` and `reviewer=bob@example.com` are written as roster handles. */
const PEOPLE = new Set<string>([FIELD.owner, FIELD.reviewer]);

function same(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export async function runSet(options: SetOptions, deps: Deps): Promise<CommandResult> {
  const { config, store } = await deps.repo();
  const idExists = await store.idExists();
  const result = await mutateTask(deps, options, (task, { actor, now }) => {
    const edits = parseAssignments(task, options.assignments, { config, now, zone: actor.zone, idExists })
      .filter((edit, index, all) => all.findLastIndex((e) => e.key === edit.key) === index)
      .map((edit) => (PEOPLE.has(edit.key) && typeof edit.value === "string" ? { ...edit, value: handleFor(config, edit.value, actor.person) } : edit));
    const changes = edits.filter((edit) => !same(task.data[edit.key], edit.value) || (edit.value === undefined && edit.key in task.data));
    for (const edit of changes) if (edit.key === FIELD.status && typeof edit.value === "string") assertNotBypassingDone(task, config, edit.value);
    if (changes.length === 0) return null;
    const summary = changes.map((e) => `${e.key}=${e.value === undefined ? "" : formatValue(e.value)}`).join(", ");
    return { action: "set", edits: changes, log: `set ${summary}` };
  });
  return mutationResult(result, config, "set", "updated");
}
