import type { CodeLinks, LinkedCommit } from "../domain/code-links.js";
import { type Config, categoryOf, findMember, personFor } from "../domain/config.js";
import { leaseState } from "../domain/lease.js";
import { changesRequestedIn, submittedAt, waitingReviews } from "../domain/review.js";
import { buildReadyQueue } from "../domain/ready-queue.js";
import { eventsByTask, type TaskEvent } from "../domain/history.js";
import { parseLogEntries } from "../domain/task-log.js";
import type { Task } from "../domain/task.js";
import { nextWindowStart, scheduleFor } from "../domain/working-time.js";
import { firstLine, isoDate, isoIn, localText, longDayText, offsetText } from "./format.js";
import { workableReason } from "./next-reasons.js";
import { awayNow } from "./person-now.js";
import { type Activity, activities, blockedFacts, byDue, canonicalPerson, dueMillis, isCompletion, isLate, statusMoves, type TaskRef, toTaskRef, within } from "./task-facts.js";
import { standupMoment, standupWindow } from "./windows.js";
import type { standupPersonSchema, standupSchema } from "../render/json-schemas/reports.js";
import type { Infer } from "../render/json-schemas/schema.js";

/**
 * The async standup, per person: since the start of that person's previous working day (their
 * zone, hours, days) up to now. Done = closed inside the window; in progress, blocked, next and
 * overdue describe the tasks as they are now; ready is what `tasks next` would offer them.
 */

export type StandupScope = "me" | "owner" | "team";

export interface StandupInput {
  readonly config: Config;
  readonly tasks: readonly Task[];
  /** Task events since at least the earliest window start. */
  readonly events: readonly TaskEvent[];
  readonly now: Date;
  /** `--date`, as typed. */
  readonly date: string | undefined;
  readonly scope: StandupScope;
  /** Handles (or emails) to report on; for the team scope, owners with work are added. */
  readonly people: readonly string[];
  readonly readerZone: string;
  /** Commits linked to tasks (docs/code-links.md); absent when links were not read. */
  readonly codeLinks?: CodeLinks;
}

export type StandupPerson = Infer<typeof standupPersonSchema>;

export type StandupView = Infer<typeof standupSchema>;

interface Shared {
  readonly input: StandupInput;
  readonly moves: ReturnType<typeof statusMoves>;
  readonly byTask: Map<string, TaskEvent[]>;
}

function closedAtInWindow(task: Task, shared: Shared, from: number, to: number): string | undefined {
  const moves = shared.moves.get(task.id) ?? [];
  for (let i = moves.length - 1; i >= 0; i--) {
    const move = moves[i];
    if (move && move.toCategory === "closed" && move.fromCategory !== "closed" && within(move.at, from, to)) return move.at;
  }
  return undefined;
}

/**
 * The task's latest `## Log` entry at or before `to`. History is read only as far back as the
 * window, but every change the tool makes writes a dated entry there, so the file already knows
 * when a quiet task was last touched: no older history, no git process.
 */
function lastLogged(task: Task, config: Config, zone: string, to: number, at: Date): Activity | undefined {
  let best: { at: string; millis: number; who: string; text: string } | undefined;
  for (const entry of parseLogEntries(task.body)) {
    const millis = Date.parse(entry.at);
    if (Number.isNaN(millis) || millis > to || (best && best.millis > millis)) continue;
    best = { at: entry.at, millis, who: entry.who, text: entry.text };
  }
  return best && { at: best.at, atText: localText(best.at, zone, at), who: canonicalPerson(best.who, config), what: firstLine(best.text, 160) };
}

function lastUpdate(task: Task, shared: Shared, zone: string, from: number, to: number, at: Date): { lastActivity: Activity | null; updatedInWindow: boolean } {
  const { config } = shared.input;
  const seen = (shared.byTask.get(task.id) ?? []).filter((e) => Date.parse(e.at) <= to);
  const fromHistory = activities(seen, config, zone).pop();
  const fromLog = lastLogged(task, config, zone, to, at);
  const last = fromLog && (!fromHistory || Date.parse(fromLog.at) > Date.parse(fromHistory.at)) ? fromLog : fromHistory;
  return { lastActivity: last ?? null, updatedInWindow: last !== undefined && Date.parse(last.at) >= from };
}

/** How many tasks of a person's ready queue the standup shows. */
export const READY_SHOWN = 3;

function readyFor(who: string, at: Date, shared: Shared): Pick<StandupPerson, "ready" | "readyCount"> {
  const { config, tasks } = shared.input;
  const queue = buildReadyQueue({ candidates: tasks, all: tasks, config, me: who, now: at });
  const context = { config, me: who, now: at };
  return {
    ready: queue.workable.slice(0, READY_SHOWN).map((entry) => ({ ...toTaskRef(entry.task, config, at), rank: entry.rank, reason: workableReason(entry, context), mine: entry.mine })),
    readyCount: queue.workable.length,
  };
}

/** The person's commits inside their window that are linked to a task, newest first, each with the ids it serves. */
function codeOf(who: string, shared: Shared, zone: string, from: number, to: number): StandupPerson["code"] {
  const { config, codeLinks } = shared.input;
  const byHash = new Map<string, { commit: LinkedCommit; ids: string[] }>();
  for (const [id, commits] of codeLinks?.byTask ?? []) {
    for (const commit of commits) {
      const at = Date.parse(commit.committerDate);
      if (at < from || at > to || personFor(config, commit.authorEmail, commit.authorName) !== who) continue;
      const entry = byHash.get(commit.hash) ?? { commit, ids: [] };
      entry.ids.push(id);
      byHash.set(commit.hash, entry);
    }
  }
  return [...byHash.values()]
    .sort((a, b) => Date.parse(b.commit.committerDate) - Date.parse(a.commit.committerDate))
    .map(({ commit, ids }) => ({ commit: commit.hash, short: commit.hash.slice(0, 7), subject: commit.subject, at: commit.committerDate, atText: localText(commit.committerDate, zone), tasks: ids.sort() }));
}

function buildPerson(who: string, owned: readonly Task[], shared: Shared): StandupPerson {
  const { config, now } = shared.input;
  const schedule = scheduleFor(config, who);
  const zone = schedule.timezone;
  const at = standupMoment(shared.input.date, now, zone);
  const window = standupWindow(at, schedule);
  const [from, to] = [window.from.toMillis(), window.to.toMillis()];
  // "Due soon": due by the end of the calendar day of the person's next working window.
  const soon = nextWindowStart(at, schedule).endOf("day").toMillis();
  const ref = (task: Task): TaskRef => toTaskRef(task, config, at);
  const category = (task: Task) => categoryOf(config, task.status);
  const done = owned.flatMap((task) => {
    const closedAt = category(task) === "closed" ? closedAtInWindow(task, shared, from, to) : undefined;
    return closedAt ? [{ ...ref(task), closedAt, closedAtText: localText(closedAt, zone), completed: isCompletion(task.status, config) }] : [];
  });
  const inProgress = owned.filter((t) => category(t) === "active").map((task) => ({ ...ref(task), ...lastUpdate(task, shared, zone, from, to, at) }));
  const blocked = owned.filter((t) => category(t) === "blocked").map((task) => {
    const facts = blockedFacts(task);
    return { ...ref(task), reason: facts.reason, since: facts.since, sinceText: facts.since ? localText(facts.since, zone, at) : null };
  });
  // Overdue work is listed under Overdue only, not twice.
  const next = owned.filter((t) => category(t) === "open" && !isLate(t, config, at)).map((task) => {
    const due = dueMillis(task, config);
    return { ...ref(task), dueSoon: due !== undefined && due <= soon };
  });
  const overdue = owned.filter((t) => isLate(t, config, at)).map(ref);
  const member = findMember(config, who);
  const counts = { done: done.length, inProgress: inProgress.length, blocked: blocked.length, next: next.length, overdue: overdue.length };
  const code = codeOf(who, shared, zone, from, to);
  const toReview = waitingReviews(shared.input.tasks, config, who).map((task) => {
    const since = submittedAt(task);
    return { ...ref(task), submittedAt: since ?? null, submittedAtText: since ? localText(since, zone, at) : null };
  });
  return {
    handle: who,
    name: member?.name ?? who,
    zone,
    offset: offsetText(at, zone),
    onRoster: member !== undefined,
    window: { from: isoIn(window.from, zone), to: isoIn(window.to, zone), fromText: localText(window.from, zone), toText: localText(window.to, zone) },
    done,
    inProgress,
    blocked,
    next,
    overdue,
    ...readyFor(who, at, shared),
    code,
    counts,
    quiet: Object.values(counts).every((n) => n === 0) && code.length === 0 && toReview.length === 0,
    away: awayNow(at, schedule),
    renewOrRelease: owned.flatMap((task) => {
      const lease = leaseState(task, config, at);
      return lease?.expired ? [{ ...ref(task), leaseExpiredAt: isoIn(new Date(lease.expiresAt), zone), leaseExpiredAtText: localText(new Date(lease.expiresAt), zone, at) }] : [];
    }),
    toReview,
    changesRequested: owned.flatMap((task) => {
      const requested = task.reviewer !== null && category(task) === "active" ? changesRequestedIn(task) : undefined;
      return requested ? [{ ...ref(task), by: canonicalPerson(requested.who, config), at: requested.at, atText: localText(requested.at, zone, at), reason: firstLine(requested.reason, 200) }] : [];
    }),
  };
}

export function buildStandupView(input: StandupInput): StandupView {
  const { config } = input;
  const shared: Shared = { input, moves: statusMoves(input.events, config), byTask: eventsByTask(input.events) };
  const byOwner = new Map<string, Task[]>();
  for (const task of byDue(input.tasks, config)) {
    if (task.owner === null) continue;
    const key = canonicalPerson(task.owner, config);
    const list = byOwner.get(key);
    if (list) list.push(task);
    else byOwner.set(key, [task]);
  }
  const wanted = [...new Set(input.people.map((who) => canonicalPerson(who, config)))];
  const people = wanted.map((who) => buildPerson(who, byOwner.get(who) ?? [], shared));
  if (input.scope === "team") {
    // Reviewers with reviews waiting are in the team's standup even when they own nothing.
    const reviewers = input.tasks.flatMap((t) => (t.status === "review" && t.reviewer !== null ? [canonicalPerson(t.reviewer, config)] : []));
    const others = [...new Set([...byOwner.keys(), ...reviewers])].filter((who) => !wanted.includes(who)).sort();
    for (const who of others) {
      const person = buildPerson(who, byOwner.get(who) ?? [], shared);
      if (!person.quiet) people.push(person);
    }
  }
  const asOf = standupMoment(input.date, input.now, input.readerZone);
  return {
    schemaVersion: 1,
    kind: "standup",
    generatedAt: input.now.toISOString(),
    date: isoDate(asOf, input.readerZone),
    dateText: longDayText(asOf, input.readerZone),
    scope: input.scope,
    readerZone: input.readerZone,
    people,
  };
}
