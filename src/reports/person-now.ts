import { type Config, findMember } from "../domain/config.js";
import { offAt, type Schedule, scheduleFor } from "../domain/working-time.js";
import { dayText, isoIn, localText, offsetText, spanText } from "./format.js";
import { availability } from "./windows.js";
import type { personNowSchema } from "../render/json-schemas/common.js";
import type { Infer } from "../render/json-schemas/schema.js";

/** A person as a note addresses them: their local time now, when they are next at work, whether they are away. */

export type PersonNow = Infer<typeof personNowSchema>;

export function personNow(config: Config, who: string, now: Date, readerZone: string): PersonNow {
  const schedule = scheduleFor(config, who);
  const zone = schedule.timezone;
  const member = findMember(config, who);
  const state = availability(now, schedule);
  return {
    handle: member?.handle ?? who,
    name: member?.name ?? member?.handle ?? who,
    zone,
    onRoster: member !== undefined,
    localTime: isoIn(now, zone),
    localTimeText: localText(now, zone),
    offset: offsetText(now, zone),
    working: state.working,
    windowEnd: state.windowEnd ? isoIn(state.windowEnd, zone) : null,
    windowEndText: state.windowEnd ? localText(state.windowEnd, zone) : null,
    nextWindowStart: isoIn(state.nextStart, zone),
    nextWindowStartText: localText(state.nextStart, zone),
    nextWindowStartReaderText: localText(state.nextStart, readerZone),
    startsIn: spanText(state.nextStart.toMillis() - now.getTime()),
    away: awayNow(now, schedule),
  };
}


export type AwayNow = NonNullable<PersonNow["away"]>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function wholeDays(off: NonNullable<ReturnType<typeof offAt>>): boolean {
  return off.off.kind === "holiday" || DATE.test(off.off.period.to);
}

/** The time off someone is on at `now`, for the JSON and the templates; null when none. */
export function awayNow(now: Date, schedule: Schedule): AwayNow | null {
  const off = offAt(now, schedule);
  if (!off) return null;
  const zone = schedule.timezone;
  return {
    kind: off.off.kind,
    note: off.off.kind === "away" ? off.off.period.note : null,
    holiday: off.off.kind === "holiday" ? off.off.name : null,
    from: off.off.kind === "away" ? off.off.period.from : null,
    to: off.off.kind === "away" ? off.off.period.to : null,
    until: isoIn(new Date(off.until), zone),
    // A period of whole days (and a holiday) ends at a midnight: name its last day instead.
    untilText: wholeDays(off) ? `the end of ${dayText(new Date(off.until - 1), zone, now)}` : localText(new Date(off.until), zone, now),
  };
}
