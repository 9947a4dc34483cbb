import type { Finding } from "../checks/finding.js";
import { type Config, categoryOf } from "../domain/config.js";
import type { TaskEvent } from "../domain/history.js";
import type { Task } from "../domain/task.js";
import { buildReadyQueue } from "../domain/ready-queue.js";
import { scheduleFor } from "../domain/working-time.js";
import { cumulativeFlow, type BurnPoint, type FlowPoint, goalBurnUps, percentile, type Sample } from "./dashboard-flow.js";
import { type Attention, type BoardLimits, buildAttention, buildColumns, DEFAULT_LIMITS, type DashboardColumn, type TaskDetail, taskDetail, type WipRow, wipByPerson } from "./dashboard-tasks.js";
import { isoDate, isoIn, localText } from "./format.js";
import { workableReason } from "./next-reasons.js";
import { isOwnedBy, statusMoves, type TaskRef, toTaskRef } from "./task-facts.js";
import { buildTeamView, type TeamMember } from "./team.js";
import { buildWeekDelivery, buildWeeklyView, weeklyHistorySince } from "./weekly.js";
import type { IsoWeek } from "./windows.js";
import { toFindingJson } from "../render/findings-text.js";
import type { FindingJson } from "../render/json-schemas/check.js";

/**
 * The dashboard's view model: the board, the team now, delivery over the last N weeks, goals,
 * what needs attention and every shown task in full. Built from the task files and one window of
 * history; each week's numbers come from the weekly report's own code, fed the history that
 * `report weekly --week` for that week reads, so the two always agree.
 */

export interface DashboardInput {
  readonly config: Config;
  readonly tasks: readonly Task[];
  /** Task events from one history pass reaching back to `dashboardHistorySince`. */
  readonly events: readonly TaskEvent[];
  readonly now: Date;
  /** Oldest first; the last holds `now`. */
  readonly weeks: readonly IsoWeek[];
  readonly findings: readonly Finding[];
  /** The commit the page was made from (HEAD), null before the first commit. */
  readonly commit: string | null;
  readonly repository: string;
  readonly limits?: BoardLimits;
}

export interface DeliveryWeek {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly startText: string;
  readonly complete: boolean;
  readonly throughput: number;
  readonly created: number;
  readonly medianCycleDays: number | null;
  readonly p85CycleDays: number | null;
  readonly onTimeCount: number;
  readonly withDueCount: number;
  readonly onTimeRate: number | null;
  readonly onTimePercent: string | null;
}

export interface DashboardPerson extends TeamMember {
  readonly hoursText: string;
  readonly daysText: string;
  readonly holds: readonly { readonly id: string; readonly title: string; readonly status: string }[];
}

/** A finding as `tasks check --json` gives it. */
export type DashboardFinding = FindingJson;

export interface DashboardView {
  readonly schemaVersion: 1;
  readonly kind: "dashboard";
  readonly generatedAt: string;
  readonly generatedAtText: string;
  readonly generatedAtUtc: string;
  readonly zone: string;
  readonly commit: string | null;
  readonly repository: string;
  readonly totals: { readonly tasks: number; readonly open: number; readonly active: number; readonly blocked: number; readonly closed: number };
  readonly columns: readonly DashboardColumn[];
  readonly people: readonly DashboardPerson[];
  readonly weeks: readonly DeliveryWeek[];
  readonly flow: readonly FlowPoint[];
  readonly wip: readonly WipRow[];
  readonly goals: readonly { readonly goal: string; readonly done: number; readonly open: number; readonly total: number; readonly percent: number; readonly burnUp: readonly BurnPoint[] }[];
  readonly attention: Attention;
  /** Unclaimed work anyone can pick up now, in `tasks next`'s order: the first READY_LISTED, and how many in all. */
  readonly ready: { readonly count: number; readonly tasks: readonly (TaskRef & { readonly rank: number; readonly reason: string })[] };
  /** `tasks check`'s findings, as its JSON gives them (at most 400). */
  readonly findings: readonly DashboardFinding[];
  readonly tasks: readonly TaskDetail[];
  readonly filters: { readonly owners: readonly string[]; readonly labels: readonly string[]; readonly goals: readonly string[] };
}

/** How far back the one history pass must reach: what `report weekly` reads for the oldest week. */
export function dashboardHistorySince(config: Config, tasks: readonly Task[], weeks: readonly IsoWeek[], now: Date): Date {
  return new Date(Math.min(...weeks.map((week) => weeklyHistorySince(config, tasks, week, now).getTime())));
}

/** The last `count` ISO weeks, oldest first, ending with the one that holds `current`. */
export function lastWeeks(current: IsoWeek, count: number): IsoWeek[] {
  return Array.from({ length: count }, (_, i) => {
    const start = current.start.minus({ weeks: count - 1 - i });
    return { label: start.toFormat("kkkk-'W'WW"), start, end: start.plus({ weeks: 1 }) };
  });
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

function people(input: DashboardInput): DashboardPerson[] {
  const { config, tasks, now } = input;
  const team = buildTeamView({ config, tasks, now, readerZone: config.timezone });
  return team.members.map((member) => {
    const schedule = scheduleFor(config, member.handle);
    const holds = tasks.filter((t) => isOwnedBy(t.owner, member.handle, config) && categoryOf(config, t.status) !== "closed" && categoryOf(config, t.status) !== undefined);
    return {
      ...member,
      hoursText: `${clock(schedule.hours.start)}–${clock(schedule.hours.end)}`,
      daysText: schedule.days.map((d) => WEEKDAYS[d - 1] ?? String(d)).join(" "),
      holds: holds.slice(0, 25).map((t) => ({ id: t.id, title: t.title, status: t.status })),
    };
  });
}

/** How many tasks of the ready queue the page lists. */
export const READY_LISTED = 10;

/**
 * `tasks next` for nobody in particular: open, not blocked, every dependency closed and not
 * claimed by anyone. (Each person's own queue adds their open tasks; the standup shows it.)
 */
function ready(input: DashboardInput): DashboardView["ready"] {
  const { config, tasks, now } = input;
  const nobody = "";
  const queue = buildReadyQueue({ candidates: tasks, all: tasks, config, me: nobody, now });
  const context = { config, me: nobody, now };
  return {
    count: queue.workable.length,
    tasks: queue.workable.slice(0, READY_LISTED).map((entry) => ({ ...toTaskRef(entry.task, config, now), rank: entry.rank, reason: workableReason(entry, context) })),
  };
}

function deliveryWeek(input: DashboardInput, week: IsoWeek, events: readonly TaskEvent[]): DeliveryWeek {
  const { config, tasks, now } = input;
  const delivery = buildWeekDelivery({ config, tasks, events, now, week });
  const zone = week.start.zoneName ?? config.timezone;
  const cycles = delivery.completed.flatMap((t) => (t.cycleDays === null ? [] : [t.cycleDays]));
  return {
    label: week.label,
    start: isoIn(week.start, zone),
    end: isoIn(week.end, zone),
    startText: localText(week.start, zone).replace(/ 00:00$/, ""),
    complete: now.getTime() >= week.end.toMillis(),
    throughput: delivery.metrics.throughput,
    created: delivery.createdCount,
    medianCycleDays: delivery.metrics.medianCycleDays,
    p85CycleDays: percentile(cycles, 85),
    onTimeCount: delivery.metrics.onTimeCount,
    withDueCount: delivery.metrics.withDueCount,
    onTimeRate: delivery.metrics.onTimeRate,
    onTimePercent: delivery.metrics.onTimePercent,
  };
}

/** The end of each day from the first week's start to now (today ends now). */
function daySamples(weeks: readonly IsoWeek[], now: Date, zone: string): Sample[] {
  const first = weeks[0];
  if (!first) return [];
  const samples: Sample[] = [];
  for (let day = first.start; day.toMillis() <= now.getTime(); day = day.plus({ days: 1 })) {
    samples.push({ date: isoDate(day, zone), at: Math.min(day.plus({ days: 1 }).toMillis() - 1, now.getTime()) });
  }
  return samples;
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

export function buildDashboardView(input: DashboardInput): DashboardView {
  const { config, tasks, now, weeks } = input;
  const limits = input.limits ?? DEFAULT_LIMITS;
  const zone = config.timezone;
  // Each week sees the history `report weekly --week` would read for it, and nothing older.
  const eventsFor = (week: IsoWeek): readonly TaskEvent[] => {
    const since = weeklyHistorySince(config, tasks, week, now).getTime();
    return input.events.filter((e) => Date.parse(e.at) >= since);
  };
  const current = weeks[weeks.length - 1];
  if (!current) throw new Error("buildDashboardView: no weeks");
  const currentView = buildWeeklyView({ config, tasks, events: eventsFor(current), now, week: current });
  const moves = statusMoves(input.events, config);
  const staleIds = new Set(currentView.stale.map((t) => t.id));
  const columns = buildColumns(tasks, config, now, staleIds, limits);
  const shown = new Set(columns.flatMap((c) => c.cards.map((card) => card.id)));
  const weekEnds: Sample[] = [weeks[0] as IsoWeek, ...weeks].map((week, i) => {
    const at = Math.min(i === 0 ? week.start.toMillis() : week.end.toMillis() - 1, now.getTime());
    return { date: isoDate(new Date(at), zone), at };
  });
  const burnUps = goalBurnUps(tasks, moves, config, weekEnds);
  const count = (category: string) => columns.find((c) => c.category === category)?.count ?? 0;
  return {
    schemaVersion: 1,
    kind: "dashboard",
    generatedAt: now.toISOString(),
    generatedAtText: `${localText(now, zone)} (${zone})`,
    generatedAtUtc: `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    zone,
    commit: input.commit,
    repository: input.repository,
    totals: { tasks: tasks.length, open: count("open"), active: count("active"), blocked: count("blocked"), closed: count("closed") },
    columns,
    people: people(input),
    weeks: weeks.map((week) => deliveryWeek(input, week, eventsFor(week))),
    flow: cumulativeFlow(tasks, moves, config, daySamples(weeks, now, zone)),
    wip: wipByPerson(tasks, config),
    goals: currentView.goals.map((g) => ({ goal: g.goal, done: g.done, open: g.total - g.done, total: g.total, percent: g.percent, burnUp: burnUps.get(g.goal) ?? [] })),
    attention: buildAttention(currentView, tasks, config, now, limits.cards),
    ready: ready(input),
    findings: input.findings.slice(0, limits.cards * 2).map(toFindingJson),
    tasks: tasks.filter((t) => shown.has(t.id)).map(taskDetail),
    filters: {
      owners: sorted(columns.flatMap((c) => c.cards.flatMap((card) => (card.owner === null ? [] : [card.owner])))),
      labels: sorted(columns.flatMap((c) => c.cards.flatMap((card) => card.labels))),
      goals: sorted(columns.flatMap((c) => c.cards.flatMap((card) => (card.goal === null ? [] : [card.goal])))),
    },
  };
}
