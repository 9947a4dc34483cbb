import { DateTime } from "luxon";
import type { Member } from "../domain/config.js";
import { dayEnd, dayStart, isWorkingDay, type Schedule } from "../domain/working-time.js";

/**
 * On each person's clock: a scheduled CI job fires in UTC, people start work at their own local
 * time. `dueNow` says whose working day started in the last interval (so a job that runs late
 * still finds them; the post record stops a second post when two runs overlap), and `cronLines`
 * lists the UTC moments a workflow must fire at: every distinct start over a year, so a zone with
 * daylight saving time gets both of its offsets.
 */

function scheduleOf(member: Member): Schedule {
  return { timezone: member.timezone, hours: member.hours, days: member.days };
}

/**
 * The people whose working day began in (now − interval, now], on a day they work and are not
 * away. `scheduleFor` gives a person's schedule with their time off (the roster's); without it,
 * only their working days count.
 */
export function dueNow(team: readonly Member[], now: Date, intervalMinutes: number, scheduleFor: (member: Member) => Schedule = scheduleOf): Member[] {
  return dueAt("start", team, now, intervalMinutes, scheduleFor).map((d) => d.member);
}

/** A person whose working day started or ended in the interval, with that day's bounds. */
export interface DueDay {
  readonly member: Member;
  /** The local date of the working day (yyyy-mm-dd). */
  readonly day: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The people whose working day began (`start`) or ended (`end`) in (now − interval, now], on a day
 * they work and are not away, with that day.
 */
export function dueAt(edge: "start" | "end", team: readonly Member[], now: Date, intervalMinutes: number, scheduleFor: (member: Member) => Schedule = scheduleOf): DueDay[] {
  const t = now.getTime();
  const from = t - intervalMinutes * 60_000;
  const due: DueDay[] = [];
  for (const member of team) {
    const schedule = scheduleFor(member);
    const today = DateTime.fromMillis(t, { zone: member.timezone }).startOf("day");
    // Yesterday too: a start (or end) just before local midnight, seen just after it.
    for (const day of [today, today.minus({ days: 1 })]) {
      if (!isWorkingDay(day, schedule)) continue;
      const start = dayStart(day, schedule).toMillis();
      const end = dayEnd(day, schedule).toMillis();
      const at = edge === "start" ? start : end;
      if (at > from && at <= t) {
        due.push({ member, day: day.toISODate() ?? "", start, end });
        break;
      }
    }
  }
  return due;
}

export interface CronLine {
  /** `15 3 * * 1,2,3,4,5` */
  readonly cron: string;
  /** Who starts then, with their zone and local start: `dev (Asia/Kathmandu 09:00)`. */
  readonly people: readonly string[];
}

function weekdayList(days: ReadonlySet<number>): string {
  // cron counts Sunday as 0; luxon as 7.
  return [...days].map((d) => d % 7).sort((a, b) => a - b).join(",");
}

/** The cron lines (UTC) for every distinct start of a working day in the year from `from`. */
export function cronLines(team: readonly Member[], from: Date, days = 371, edge: "start" | "end" = "start"): CronLine[] {
  const byTime = new Map<string, { minute: number; hour: number; weekdays: Set<number>; people: Set<string> }>();
  for (const member of team) {
    const schedule = scheduleOf(member);
    const minutes = edge === "start" ? member.hours.start : member.hours.end;
    const local = `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    let day = DateTime.fromJSDate(from, { zone: member.timezone }).startOf("day");
    for (let i = 0; i < days; i++, day = day.plus({ days: 1 })) {
      if (!isWorkingDay(day, schedule)) continue;
      const utc = (edge === "start" ? dayStart(day, schedule) : dayEnd(day, schedule)).toUTC();
      const key = `${utc.hour}:${utc.minute}`;
      let entry = byTime.get(key);
      if (!entry) {
        entry = { minute: utc.minute, hour: utc.hour, weekdays: new Set(), people: new Set() };
        byTime.set(key, entry);
      }
      entry.weekdays.add(utc.weekday);
      entry.people.add(`${member.handle} (${member.timezone} ${local})`);
    }
  }
  return [...byTime.values()]
    .sort((a, b) => a.hour * 60 + a.minute - (b.hour * 60 + b.minute))
    .map((e) => ({ cron: `${e.minute} ${e.hour} * * ${weekdayList(e.weekdays)}`, people: [...e.people].sort() }));
}

/** The `on: schedule:` block of a GitHub Actions workflow: starts of working days, then their ends. */
export function renderGithubSchedule(lines: readonly CronLine[], endLines: readonly CronLine[] = []): string {
  if (lines.length === 0) return "# the roster in .tasks/config.yml is empty: add the team (with timezone and hours) first\n";
  const rows = (some: readonly CronLine[]) => some.map((l) => `    - cron: "${l.cron}" # ${l.people.join(", ")}`);
  return [
    "# When each person's working day starts and ends, in UTC (both offsets where a zone has summer time).",
    "on:",
    "  schedule:",
    "    # day starts: tasks standup --due-now --post <target>",
    ...rows(lines),
    ...(endLines.length > 0 ? ["    # day ends: tasks handoff --due-now --post <target>", ...rows(endLines)] : []),
    "",
  ].join("\n");
}
