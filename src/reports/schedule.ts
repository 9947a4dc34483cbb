import { DateTime } from "luxon";
import type { Member } from "../domain/config.js";
import { dayStart, isWorkingDay, type Schedule } from "../domain/working-time.js";

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
  const t = now.getTime();
  const from = t - intervalMinutes * 60_000;
  return team.filter((member) => {
    const schedule = scheduleFor(member);
    const today = DateTime.fromMillis(t, { zone: member.timezone }).startOf("day");
    // Yesterday too: a start just before local midnight, seen just after it.
    return [today, today.minus({ days: 1 })].some((day) => {
      if (!isWorkingDay(day, schedule)) return false;
      const start = dayStart(day, schedule).toMillis();
      return start > from && start <= t;
    });
  });
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
export function cronLines(team: readonly Member[], from: Date, days = 371): CronLine[] {
  const byTime = new Map<string, { minute: number; hour: number; weekdays: Set<number>; people: Set<string> }>();
  for (const member of team) {
    const schedule = scheduleOf(member);
    const local = `${String(Math.floor(member.hours.start / 60)).padStart(2, "0")}:${String(member.hours.start % 60).padStart(2, "0")}`;
    let day = DateTime.fromJSDate(from, { zone: member.timezone }).startOf("day");
    for (let i = 0; i < days; i++, day = day.plus({ days: 1 })) {
      if (!isWorkingDay(day, schedule)) continue;
      const utc = dayStart(day, schedule).toUTC();
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

/** The `on: schedule:` block of a GitHub Actions workflow for these lines. */
export function renderGithubSchedule(lines: readonly CronLine[]): string {
  if (lines.length === 0) return "# the roster in .tasks/config.yml is empty: add the team (with timezone and hours) first\n";
  const rows = lines.map((l) => `    - cron: "${l.cron}" # ${l.people.join(", ")}`);
  return ["# When each person's working day starts, in UTC (both offsets where a zone has summer time).", "# Run `tasks standup --due-now --post <target>` at these times.", "on:", "  schedule:", ...rows, ""].join("\n");
}
