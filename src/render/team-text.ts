import { shortText } from "../reports/format.js";
import type { TeamView } from "../reports/team.js";
import type { View } from "./output.js";
import { sanitizeLine } from "./sanitize.js";
import { renderTable, renderTsv } from "./table.js";

/** The roster now, as a table for people and tab-separated columns for scripts. */

export function renderTeamTable(view: TeamView, out: View): string {
  const { style } = out;
  const table = renderTable(
    [
      { header: "WHO" },
      { header: "LOCAL TIME" },
      { header: "WORKING" },
      { header: "NEXT WINDOW" },
      { header: "OPEN" },
      { header: "ACTIVE", optional: true },
      { header: "BLOCKED", optional: true },
      { header: "OVERDUE" },
      { header: "ZONE", optional: true },
    ],
    view.members.map((m) => [
      { text: sanitizeLine(m.handle), paint: style.bold },
      { text: shortText(m.localTime, m.zone) },
      m.working
        ? { text: `yes, until ${shortText(m.windowEnd ?? m.localTime, m.zone).slice(4)}`, paint: style.green }
        : m.away
          ? { text: sanitizeLine(awayText(m.away)), paint: style.yellow }
          : { text: "no", paint: style.dim },
      { text: `${shortText(m.nextWindowStart, view.readerZone)}, in ${m.startsIn}` },
      { text: String(m.counts.open) },
      { text: String(m.counts.active) },
      { text: String(m.counts.blocked), ...(m.counts.blocked > 0 ? { paint: style.yellow } : {}) },
      { text: String(m.counts.overdue), ...(m.counts.overdue > 0 ? { paint: style.red } : {}) },
      { text: `${m.zone} (UTC${m.offset})`, paint: style.dim },
    ]),
    { width: out.width, header: style.dim },
  );
  return `${table}${style.dim(`next windows in your time (${sanitizeLine(view.readerZone)})`)}\n`;
}

/** `away until 2027-01-03 (family)`, `holiday (Weihnachten)`: why someone is off today. */
export function awayText(away: NonNullable<TeamView["members"][number]["away"]>): string {
  if (away.kind === "holiday") return `holiday${away.holiday ? ` (${away.holiday})` : ""}`;
  return `away until ${away.to ?? away.untilText}${away.note ? ` (${away.note})` : ""}`;
}

/**
 * Columns: handle, local time (ISO), zone, working|off|away|holiday, next window start (ISO),
 * open, active, blocked, overdue, and when time off ends (ISO, empty when not away).
 */
export function renderTeamTsv(view: TeamView): string {
  return renderTsv(
    view.members.map((m) =>
      [
        m.handle,
        m.localTime,
        m.zone,
        m.working ? "working" : (m.away?.kind ?? "off"),
        m.nextWindowStart,
        String(m.counts.open),
        String(m.counts.active),
        String(m.counts.blocked),
        String(m.counts.overdue),
        m.away?.until ?? "",
      ].map(sanitizeLine),
    ),
  );
}
