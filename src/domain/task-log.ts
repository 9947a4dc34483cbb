/**
 * The `## Log` section of a task body: dated, attributed, append-only entries.
 *
 *   ## Log
 *   - 2026-11-20 14:02 +01:00 alice: claimed
 *   - 2026-11-21 09:10 +01:00 alice: blocked: waiting for the API keys
 */

import type { Task } from "./task.js";

export interface LogEntry {
  /** `2026-11-20 14:02 +01:00` as written. */
  readonly stamp: string;
  /** ISO form of the stamp, `2026-11-20T14:02:00+01:00`. */
  readonly at: string;
  readonly who: string;
  readonly text: string;
  /** 0-based line within the body. */
  readonly line: number;
}

const HEADING = /^##[ \t]+Log[ \t]*$/;
const ANY_HEADING = /^#{1,2}[ \t]/;
const ENTRY = /^- (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) ([+-]\d{2}:\d{2}|Z) ([^:\s][^:]{0,99}): (.*)$/;

/** Control characters never go into a file the tool writes; line breaks become continuation lines. */
function cleanEntryText(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, " ")
    .split("\n")
    .map((line) => line.trimEnd())
    // A blank line would end the entry for a reader (and "  " is trailing space): dropped.
    .filter((line) => line !== "");
}

export function formatLogEntry(stamp: string, who: string, text: string): string[] {
  const [first = "", ...rest] = cleanEntryText(text);
  // The name is what ENTRY can read back: no colon, space or control character, at most 100 characters.
  const name = who.replace(/[:\s\u0000-\u001f\u007f-\u009f]+/g, "_").slice(0, 100) || "unknown";
  return [`- ${stamp} ${name}: ${first}`, ...rest.map((line) => `  ${line}`)];
}

/** Is this line the `## Log` heading? */
export function isLogHeading(line: string): boolean {
  return HEADING.test(line.replace(/\r$/, ""));
}

/** Does this line start another section (`# …` or `## …`)? */
export function isSectionHeading(line: string): boolean {
  return ANY_HEADING.test(line);
}

/** The ISO moment of a log entry's first line (`- 2026-11-20 14:02 +01:00 alice: …`), else undefined. */
export function logLineTime(line: string): string | undefined {
  const match = ENTRY.exec(line.replace(/\r$/, ""));
  return match ? `${match[1]}T${match[2]}:00${match[3]}` : undefined;
}

function splitLines(body: string): string[] {
  return body.split("\n").map((line) => line.replace(/\r$/, ""));
}

/** Appends entry lines at the end of the Log section, creating the section when there is none. */
export function appendLogEntry(body: string, entry: readonly string[], eol: "\n" | "\r\n"): string {
  const rawLines = body.split("\n");
  const lines = splitLines(body);
  let heading = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (HEADING.test(lines[i] as string)) {
      heading = i;
      break;
    }
  }
  if (heading === -1) {
    const trimmed = body.replace(/(\r?\n)*$/, "");
    const prefix = trimmed === "" ? "" : trimmed + eol + eol;
    return prefix + "## Log" + eol + entry.join(eol) + eol;
  }
  let sectionEnd = lines.length;
  for (let i = heading + 1; i < lines.length; i++) {
    if (ANY_HEADING.test(lines[i] as string)) {
      sectionEnd = i;
      break;
    }
  }
  let last = heading;
  for (let i = heading + 1; i < sectionEnd; i++) if ((lines[i] as string).trim() !== "") last = i;
  const head = rawLines.slice(0, last + 1).join("\n");
  const tail = rawLines.slice(last + 1).join("\n");
  // Line `last` keeps its own ending; a file that had no final newline gains one.
  const headWithEol = last + 1 < rawLines.length ? head + "\n" : head + eol;
  return headWithEol + entry.join(eol) + eol + tail;
}

export function parseLogEntries(body: string): LogEntry[] {
  const lines = splitLines(body);
  let inLog = false;
  const entries: LogEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (HEADING.test(line)) {
      inLog = true;
      continue;
    }
    if (inLog && ANY_HEADING.test(line)) inLog = false;
    if (!inLog) continue;
    const match = ENTRY.exec(line);
    if (match) {
      const [, date, time, offset, who, text] = match as unknown as [string, string, string, string, string, string];
      entries.push({
        stamp: `${date} ${time} ${offset}`,
        at: `${date}T${time}:00${offset}`,
        who,
        text,
        line: i,
      });
    } else if (/^ {2}.*\S/.test(line) && entries.length > 0) {
      const previous = entries[entries.length - 1] as LogEntry;
      entries[entries.length - 1] = { ...previous, text: `${previous.text}\n${line.slice(2)}` };
    }
  }
  return entries;
}

export interface BlockedFacts {
  /** The reason written by `tasks block` (the latest `blocked:` log entry). */
  readonly reason: string | null;
  /** When that entry was written (ISO). */
  readonly since: string | null;
}

/** Why a task is blocked, from its log. */
export function blockedFacts(task: Pick<Task, "body">): BlockedFacts {
  const entries = parseLogEntries(task.body);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    if (entry && /^blocked:/i.test(entry.text)) return { reason: entry.text.replace(/^blocked:\s*/i, "").trim() || null, since: entry.at };
  }
  return { reason: null, since: null };
}
