import { type Config, findMember } from "../domain/config.js";
import { scheduleFor } from "../domain/working-time.js";
import { isoIn, localText, offsetText, spanText } from "./format.js";
import { availability } from "./windows.js";
import type { personNowSchema } from "../render/json-schemas/common.js";
import type { Infer } from "../render/json-schemas/schema.js";

/** A person as a note addresses them: their local time now and when they are next at work. */

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
  };
}

