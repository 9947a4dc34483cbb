import { TasksError } from "../app/errors.js";
import { type Config, categoryOf, findMember } from "../domain/config.js";
import { dodProgress } from "../domain/dod-progress.js";
import type { HistoryCommit, TaskEvent } from "../domain/history.js";
import type { CodeLinks } from "../domain/code-links.js";
import type { Task } from "../domain/task.js";
import { localText } from "./format.js";
import { personNow } from "./person-now.js";
import { activities, blockedFacts, toTaskRef } from "./task-facts.js";
import { linksIn, openQuestions } from "./task-notes.js";
import { followTheSun } from "./windows.js";
import type { handoffSchema, handoffTaskSchema } from "../render/json-schemas/reports.js";
import type { Infer } from "../render/json-schemas/schema.js";

/**
 * A handoff note per task: its state, what of the definition of done is met and what is left,
 * where the information is, what blocks it, what happened lately, what is still open, and when
 * the receiver is next at work.
 */

export interface BranchRef {
  readonly name: string;
  readonly commit: string;
  readonly committerDate: string;
  readonly subject: string;
}

export interface HandoffInput {
  readonly config: Config;
  readonly now: Date;
  readonly readerZone: string;
  /** The tasks as they were before the handoff. */
  readonly tasks: readonly Task[];
  /** Looks up a task named in depends-on. */
  readonly lookup: (id: string) => Task | undefined;
  /** Recent history, read with commit details. */
  readonly events: readonly TaskEvent[];
  readonly commits: readonly HistoryCommit[];
  readonly branches: readonly BranchRef[];
  /** Commits linked to tasks by trailers and merged branch names (docs/code-links.md), and the unmerged branches carrying an id. */
  readonly codeLinks?: { readonly links: CodeLinks; readonly unmerged: readonly { readonly name: string; readonly ids: readonly string[] }[] };
  readonly from: string;
  readonly to: string;
  readonly note: string | null;
  readonly dryRun: boolean;
  readonly commit: string | null;
}

export type HandoffTask = Infer<typeof handoffTaskSchema>;

export type HandoffView = Infer<typeof handoffSchema>;

const MAX_ACTIVITY = 8;
const MAX_FILES = 15;
const MAX_COMMITS = 8;

function mentions(commit: HistoryCommit, id: string): boolean {
  const word = new RegExp(`(^|[^0-9a-z])${id.replace(/[^0-9a-z]/gi, "\\$&")}($|[^0-9a-z])`, "i");
  return word.test(commit.subject) || word.test(commit.body ?? "");
}

/** Branch names a merge subject carries: `Merge branch 'feat/x'`, `Merge pull request #12 from o/feat/x`. */
function mergedBranch(subject: string): string[] {
  const match = /^Merge (?:branch|remote-tracking branch) '([^']+)'/.exec(subject) ?? /^Merge pull request #\d+ from (\S+)/.exec(subject);
  return match ? [match[1] as string] : [];
}

function whereIs(task: Task, input: HandoffInput, zone: string): HandoffTask["where"] {
  const tasksDir = `${input.config.tasksDir}/`;
  const related = input.commits.filter((c) => mentions(c, task.id) && (c.files ?? []).some((f) => !f.startsWith(tasksDir)));
  const files = [...new Set(related.flatMap((c) => (c.files ?? []).filter((f) => !f.startsWith(tasksDir))))].slice(0, MAX_FILES);
  const named = input.branches.filter((b) => b.name.toLowerCase().includes(task.id)).map((b) => b.name);
  const unmerged = (input.codeLinks?.unmerged ?? []).filter((b) => b.ids.includes(task.id)).map((b) => b.name);
  const branches = [...new Set([...named, ...unmerged, ...related.flatMap((c) => [...(c.refs ?? []), ...mergedBranch(c.subject)])])];
  const mentioned = new Set(related.map((c) => c.hash));
  const linked = (input.codeLinks?.links.byTask.get(task.id) ?? []).filter((c) => !mentioned.has(c.hash));
  const commits = [
    ...related.map((c) => ({ hash: c.hash, subject: c.subject, committerDate: c.committerDate, authorName: c.authorName })),
    ...linked.map((c) => ({ hash: c.hash, subject: c.subject, committerDate: c.committerDate, authorName: c.authorName })),
  ].sort((a, b) => Date.parse(b.committerDate) - Date.parse(a.committerDate));
  return {
    file: task.path,
    links: linksIn(task.body),
    branches,
    files,
    commits: commits.slice(0, MAX_COMMITS).map((c) => ({
      commit: c.hash,
      short: c.hash.slice(0, 7),
      subject: c.subject,
      at: c.committerDate,
      atText: localText(c.committerDate, zone),
      author: c.authorName,
    })),
  };
}

function buildTask(task: Task, input: HandoffInput, zone: string): HandoffTask {
  const progress = dodProgress(task);
  const facts = blockedFacts(task);
  const ref = toTaskRef(task, input.config, input.now);
  const waitingOn = task.dependsOn.flatMap((id) => {
    const dep = input.lookup(id);
    if (dep && categoryOf(input.config, dep.status) === "closed") return [];
    return [{ id, title: dep?.title ?? null, status: dep?.status ?? null }];
  });
  const events = input.events.filter((e) => e.id === task.id);
  const blocked = ref.category === "blocked";
  return {
    ...ref,
    dod: {
      total: progress.length,
      metCount: progress.filter((c) => c.met).length,
      leftCount: progress.filter((c) => !c.met).length,
      met: progress.filter((c) => c.met).map((c) => ({ index: c.index, text: c.text, by: c.by, at: c.at })),
      left: progress.filter((c) => !c.met).map((c) => ({ index: c.index, text: c.text })),
    },
    where: whereIs(task, input, zone),
    blockers: {
      blocked,
      reason: blocked ? facts.reason : null,
      since: blocked ? facts.since : null,
      sinceText: blocked && facts.since ? localText(facts.since, zone, input.now) : null,
      waitingOn,
    },
    activity: activities(events, input.config, zone).slice(-MAX_ACTIVITY),
    questions: openQuestions(task),
  };
}

export function buildHandoffView(input: HandoffInput): HandoffView {
  const to = personNow(input.config, input.to, input.now, input.readerZone);
  return {
    schemaVersion: 1,
    kind: "handoff",
    generatedAt: input.now.toISOString(),
    dryRun: input.dryRun,
    commit: input.commit,
    note: input.note,
    from: personNow(input.config, input.from, input.now, input.readerZone),
    to,
    zone: to.zone,
    tasks: input.tasks.map((task) => buildTask(task, input, to.zone)),
  };
}

/** How far back a handoff looks for recent activity and commits that mention a task. */
export const HANDOFF_LOOKBACK_DAYS = 14;

export function handoffHistorySince(now: Date): Date {
  return new Date(now.getTime() - HANDOFF_LOOKBACK_DAYS * 86_400_000);
}

/**
 * Who receives: a handle or email as given (`--to bob`), or with `--to next` the teammate whose
 * working window starts next (follow-the-sun), never the giver.
 */
export function chooseReceiver(config: Config, to: string, giver: string, now: Date): { handle: string; onRoster: boolean } {
  const giverHandle = findMember(config, giver)?.handle ?? giver;
  if (to.trim().toLowerCase() === "next") {
    const next = followTheSun(config, now, giverHandle);
    if (!next) throw new TasksError("USAGE", "--to next needs teammates on the roster in .tasks/config.yml", { hint: "name the receiver: --to <handle or email>" });
    return { handle: next.member.handle, onRoster: true };
  }
  const member = findMember(config, to.trim());
  const handle = member?.handle ?? to.trim();
  if (handle === "" || handle === "me" || handle === giverHandle) throw new TasksError("USAGE", "a handoff goes to someone else", { hint: "--to <handle or email>, or --to next" });
  return { handle, onRoster: member !== undefined };
}
