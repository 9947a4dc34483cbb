import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { idsFromFileNames, linkWindowFor, loadCodeLinks, manualLinks } from "../app/code-links.js";
import { loadTaskHistory } from "../app/history.js";
import { personFor } from "../domain/config.js";
import type { TaskEvent } from "../domain/history.js";
import { toCodeLinksJson } from "../render/code-links.js";
import { type EventRow, interleave, renderAuditTable, renderAuditTsv } from "../render/history-text.js";
import { envelope } from "../render/json.js";
import type { TaskEventJson } from "../render/json-schemas/tasks.js";
import type { CommandResult } from "../render/output.js";
import { withExamples } from "./shared/help.js";
import { sideBySide } from "../app/side-by-side.js";

export interface LogOptions {
  readonly id: string;
}

export function registerLog(program: Command, deps: Deps): void {
  const command = program
    .command("log")
    .argument("<id>", "task id or unique prefix")
    .description("the audit trail from git: who changed which field from what to what, and when (in your time zone)");
  withExamples(command, ["tasks log k7m2q", "tasks log k7m2q --json | jq '.events[] | select(.field == \"owner\")'"]);
  command.action(async (id: string) => emitResult(deps, await runLog({ id }, deps)));
}

function eventJson(event: TaskEvent, who: string): TaskEventJson {
  const base = { at: event.at, who, authorName: event.authorName, authorEmail: event.authorEmail, commit: event.commit, action: event.action, kind: event.kind, path: event.path };
  switch (event.kind) {
    case "created":
      return { ...base, field: null, from: null, to: null, text: null };
    case "changed":
      return { ...base, field: event.field, from: event.from ?? null, to: event.to ?? null, text: null };
    case "log":
      return { ...base, field: null, from: null, to: null, text: event.entry.text, stamp: event.entry.stamp, writtenBy: event.entry.who };
    case "deleted":
      return { ...base, field: null, from: null, to: null, text: null };
  }
}

export async function runLog(options: LogOptions, deps: Deps): Promise<CommandResult> {
  const { config, store } = await deps.repo();
  const { task } = await store.resolve(options.id);
  // The task's history and its code links are two independent git walks: run side by side.
  const [events, source] = await sideBySide(
    loadTaskHistory(deps, task),
    idsFromFileNames(store).then((ids) => loadCodeLinks(deps, { tasks: [task], ids, focus: true, ...linkWindowFor([task]) })),
  );
  const zone = await deps.readerZone();
  const links = toCodeLinksJson(source, task.id, manualLinks(task), config, zone, deps.now());
  const eventRows: EventRow[] = events.map((event) => ({ event, who: personFor(config, event.authorEmail, event.authorName) }));
  const rows = interleave(eventRows, [...links.commits].reverse());
  return {
    json: envelope("task-log", { id: task.id, path: task.path, events: eventRows.map((r) => eventJson(r.event, r.who)), commits: links.commits }),
    plain: renderAuditTsv(rows, zone),
    human: (view) => (rows.length === 0 ? `${task.id} has no committed history yet\n` : renderAuditTable(rows, view)),
  };
}
