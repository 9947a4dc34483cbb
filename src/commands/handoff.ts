import type { Command } from "commander";
import { linkWindowFor, loadCodeLinks } from "../app/code-links.js";
import type { Deps, Repo } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { postNote, type PostRequest, postRequest } from "../app/post-flow.js";
import { TasksError, usageError } from "../app/errors.js";
import { loadHistory } from "../app/history.js";
import { currentActor, mutateTasks } from "../app/task-transaction.js";
import { categoryOf } from "../domain/config.js";
import { cleanText } from "../domain/field-input.js";
import { handOffTask } from "../domain/handoff.js";
import { localDateOf } from "../domain/time.js";
import { scheduleFor } from "../domain/working-time.js";
import type { Task } from "../domain/task.js";
import { taskCommitMessage, tasksCommitMessage } from "../git/commit-message.js";
import { assertWritable } from "../git/repo-state.js";
import { listBranches } from "../git/refs.js";
import type { CommandResult } from "../render/output.js";
import { buildHandoffView, chooseReceiver, handoffHistorySince, type HandoffInput } from "../reports/handoff.js";
import { isOwnedBy } from "../reports/task-facts.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { addPostOptions } from "./shared/post-options.js";
import { addNoteOptions, needsRendering, type NoteOptions, noteOptions, noteResult, renderNote } from "./shared/rendered-note.js";

export interface HandoffOptions extends NoteOptions {
  readonly ids: readonly string[];
  readonly mine: boolean;
  readonly to: string;
  readonly note?: string;
  readonly dryRun: boolean;
  readonly commit: boolean;
  readonly post?: PostRequest;
  /** `--due-now`: post the handoffs of the people whose working day ended in the last this many minutes. */
  readonly dueWithin?: number;
}

export function registerHandoff(program: Command, deps: Deps): void {
  const command = program
    .command("handoff")
    .argument("[ids...]", "task ids or unique prefixes")
    .description("hand tasks to a teammate with a note per task (state, definition of done met and left, where things are, blockers, questions); reassigns and records it in one commit")
    .option("--to <who>", "the receiver: a handle, an email, or 'next' (the teammate whose working day starts next); required unless --due-now")
    .option("--mine", "hand off all my active and blocked tasks")
    .option("--note <text>", "a line for the receiver, recorded in each task's log")
    .option("-n, --dry-run", "print the notes (with --post: the payloads); change nothing, send nothing")
    .option("--due-now", "for a scheduled job at the end of the day: post the notes of the tasks each person whose working day ended in the last --interval handed off --to next that day")
    .option("--interval <minutes>", "with --due-now: how far back a working day's end counts (the schedule's spacing)", "60");
  addNoteOptions(command);
  addPostOptions(command, { dryRun: false });
  addCommitOption(command);
  withExamples(command, ["tasks handoff k7m2q --to bob", "tasks handoff --mine --to next --note \"staging deploy is half done\"", "tasks handoff k7m2q p3x9t --to bob --dry-run", "tasks handoff --mine --to next --out handoff.md", "tasks handoff --mine --to next --post slack", "tasks handoff --due-now --interval 90 --post slack   # scheduled, at each day's end"]);
  command.action(async (ids: string[], flags: { to?: string; mine?: boolean; note?: string; dryRun?: boolean; commit?: boolean; template?: string; out?: string; post?: string[]; force?: boolean; dueNow?: boolean; interval: string }) =>
    emitResult(
      deps,
      await runHandoff(
        { ids, mine: flags.mine === true, to: flags.to ?? "", ...(flags.dueNow ? { dueWithin: intervalMinutes(flags.interval) } : {}), ...(flags.note !== undefined ? { note: flags.note } : {}), dryRun: flags.dryRun === true, commit: flags.commit !== false, ...noteOptions(flags), post: postRequest(flags) },
        deps,
      ),
    ),
  );
}

async function tasksToHand(options: HandoffOptions, deps: Deps, repo: Repo, me: string): Promise<{ tasks: Task[]; all: Task[] | undefined }> {
  if (options.mine) {
    const { tasks } = await repo.store.loadAll();
    const mine = tasks.filter((t) => isOwnedBy(t.owner, me, repo.config) && ["active", "blocked"].includes(categoryOf(repo.config, t.status) ?? ""));
    return { tasks: mine, all: [...tasks] };
  }
  const byId = new Map<string, Task>();
  for (const id of options.ids) {
    const { task } = await repo.store.resolve(id);
    byId.set(task.id, task);
  }
  return { tasks: [...byId.values()], all: undefined };
}

async function dependencyLookup(repo: Repo, tasks: readonly Task[], all: readonly Task[] | undefined): Promise<(id: string) => Task | undefined> {
  const known = new Map((all ?? []).map((t) => [t.id, t]));
  if (!all) {
    for (const id of new Set(tasks.flatMap((t) => t.dependsOn))) {
      const found = await repo.store.resolve(id).catch(() => undefined);
      if (found && found.task.id === id) known.set(id, found.task);
    }
  }
  return (id) => known.get(id);
}

function intervalMinutes(text: string): number {
  const minutes = Number(text);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw usageError(`--interval ${text}: not a number of minutes`, "use a whole number from 1 to 1440, e.g. --interval 60");
  return minutes;
}

export async function runHandoff(options: HandoffOptions, deps: Deps): Promise<CommandResult> {
  if (options.dueWithin !== undefined) {
    if (options.mine || options.ids.length > 0 || options.to !== "" || options.note !== undefined || options.out !== undefined) {
      throw usageError("--due-now finds the people and their handoffs itself", "leave out ids, --mine, --to, --note and --out: tasks handoff --due-now --post slack");
    }
    const { runHandoffDueNow } = await import("../app/handoff-due-now.js");
    const post = options.post ? { ...options.post, dryRun: options.post.dryRun || options.dryRun } : undefined;
    return runHandoffDueNow(deps, options.dueWithin, post, (view) => renderNote(deps, "handoff", view, options));
  }
  if (options.to.trim() === "") throw usageError("required option '--to <who>' not specified", "tasks handoff k7m2q --to bob, or tasks handoff --mine --to next");
  if (options.mine === (options.ids.length > 0)) throw usageError("name the tasks to hand off, or use --mine (not both)", "tasks handoff k7m2q --to bob, or tasks handoff --mine --to next");
  const repo = await deps.repo();
  // Refuse a busy or locked repository before reading tasks that a stopped merge may have broken.
  if (!options.dryRun) await assertWritable(repo.gitDir, { committing: options.commit });
  const { config } = repo;
  const actor = await currentActor(deps, repo);
  const now = deps.now();
  const note = options.note === undefined ? null : cleanText(options.note, "note");
  const receiver = chooseReceiver(config, options.to, actor.person, now);
  if (!receiver.onRoster && config.team.length > 0) deps.warn(`warning: ${receiver.handle} is not on the team roster in .tasks/config.yml`);
  const found = await tasksToHand(options, deps, repo, actor.person);
  const tasks = found.tasks.filter((task) => {
    if (!isOwnedBy(task.owner, receiver.handle, config)) return true;
    deps.warn(`warning: ${task.id} already belongs to ${receiver.handle}; left as is`);
    return false;
  });
  const decide = (task: Task) => handOffTask(task, config, { to: receiver.handle, by: actor.person, note });
  tasks.forEach(decide); // refuses closed tasks before anything is read or written
  const [{ events, commits }, branches, lookup, codeLinks] = await Promise.all([
    loadHistory(deps, { since: handoffHistorySince(now), commitDetails: true }),
    deps.git().then(listBranches),
    dependencyLookup(repo, tasks, found.all),
    (found.all ? Promise.resolve(found.all) : repo.store.loadAll().then((all) => all.tasks)).then((all) => loadCodeLinks(deps, { tasks: all, ...linkWindowFor(tasks) })),
  ]);
  const input: HandoffInput = { config, now, readerZone: await deps.readerZone(), tasks, lookup, events, commits, branches, codeLinks, from: actor.person, to: receiver.handle, note, dryRun: options.dryRun, commit: null };
  const preview = buildHandoffView(input);
  // Rendering first means a broken template stops the handoff before any file changes.
  const posting = (options.post?.targets.length ?? 0) > 0;
  const previewText = needsRendering(deps, options) || posting ? await renderNote(deps, "handoff", preview, options) : undefined;
  const subject = { who: actor.person, day: localDateOf(now.getTime(), scheduleFor(config, actor.person).timezone) };
  if (tasks.length === 0) {
    deps.note("nothing to hand off");
    return noteResult(deps, preview, previewText, options);
  }
  if (options.dryRun) {
    const result = await noteResult(deps, preview, previewText, options);
    return options.post && previewText !== undefined ? postNote(deps, { ritual: "handoff", markdown: previewText, data: preview }, subject, options.post, result) : result;
  }
  const result = await mutateTasks(deps, { ids: tasks.map((t) => t.id), commit: options.commit, message: (changes) => handoffMessage(changes.map((c) => c.task), receiver.handle, note, options.to.trim().toLowerCase() === "next") }, decide);
  const final = buildHandoffView({ ...input, tasks: result.results.map((r) => r.before), commit: result.commit });
  const text = previewText === undefined ? undefined : await renderNote(deps, "handoff", final, options).catch((error: unknown) => {
    throw new TasksError("TEMPLATE_ERROR", `the handoff was recorded${result.commit ? ` in ${result.commit.slice(0, 7)}` : ""}, but its note failed: ${(error as Error).message}`);
  });
  const count = result.results.filter((r) => r.changed).length;
  deps.note(`handed off ${count} task${count === 1 ? "" : "s"} to ${receiver.handle}${result.commit ? ` [${result.commit.slice(0, 7)}]` : " (not committed)"}`);
  const shown = await noteResult(deps, final, text, options);
  return options.post && text !== undefined ? postNote(deps, { ritual: "handoff", markdown: text, data: final }, subject, options.post, shown) : shown;
}

function handoffMessage(tasks: readonly Task[], to: string, note: string | null, next: boolean) {
  // `Task-Handoff-Rule: next` marks a follow-the-sun handoff, which `handoff --due-now` posts at the day's end.
  const trailers: [string, string][] = [["Task-Handoff-To", to], ...(next ? [["Task-Handoff-Rule", "next"] as [string, string]] : [])];
  const extra = { ...(note ? { body: [`Note: ${note}`] } : {}), trailers };
  const [only] = tasks;
  return tasks.length === 1 && only ? taskCommitMessage("handoff", only.id, only.title, extra) : tasksCommitMessage("handoff", tasks, `to ${to}`, extra);
}
