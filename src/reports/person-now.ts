import { type Config, findMember } from "../domain/config.js";
import { scheduleFor } from "../domain/working-time.js";
import { isoIn, localText, offsetText, spanText } from "./format.js";
import { availability } from "./windows.js";

/** A person as a note addresses them: their local time now and when they are next at work. */

export interface PersonNow {
  readonly handle: string;
  readonly name: string;
  readonly zone: string;
  readonly onRoster: boolean;
  readonly localTime: string;
  readonly localTimeText: string;
  readonly offset: string;
  readonly working: boolean;
  /** While working: when the window ends (ISO, and as text). */
  readonly windowEnd: string | null;
  readonly windowEndText: string | null;
  readonly nextWindowStart: string;
  /** In the person's own zone. */
  readonly nextWindowStartText: string;
  /** In the reader's zone. */
  readonly nextWindowStartReaderText: string;
  readonly startsIn: string;
}

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
  };
}

