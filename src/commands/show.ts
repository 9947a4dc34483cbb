import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { warnInterrupted } from "../app/interrupted-change.js";
import { emitResult } from "../app/emit.js";
import { idsFromFileNames, linkWindowFor, loadCodeLinks, manualLinks } from "../app/code-links.js";
import { loadTaskHistory } from "../app/history.js";
import { categoryOf, personFor, zoneFor } from "../domain/config.js";
import type { TaskEvent } from "../domain/history.js";
import { isOverdue } from "../domain/query.js";
import { reviewState } from "../domain/review.js";
import { dueMoment, inZone } from "../domain/time.js";
import { formatValue } from "../render/history-text.js";
import { renderCodeLinkLines, toCodeLinksJson } from "../render/code-links.js";
import { envelope, toTaskJson } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { plainStyle } from "../render/style.js";
import { renderTaskDetail } from "../render/task-text.js";
import { withExamples } from "./shared/help.js";
import { sideBySide } from "../app/side-by-side.js";

export interface ShowOptions {
  readonly id: string;
}

export function registerShow(program: Command, deps: Deps): void {
  const command = program.command("show").argument("<id>", "task id or unique prefix").description("show a task: its fields, definition of done, notes and a summary of its history");
  withExamples(command, ["tasks show k7m2q", "tasks show k7 --json | jq .task.owner"]);
  command.action(async (id: string) => emitResult(deps, await runShow({ id }, deps)));
}

function describe(event: TaskEvent): string {
  switch (event.kind) {
    case "created":
      return "created";
    case "changed":
      return `${event.field}: ${formatValue(event.from)} → ${formatValue(event.to)}`;
    case "log":
      return `log: ${event.entry.text.split("\n")[0] ?? ""}`;
    case "deleted":
      return "deleted";
  }
}

export async function runShow(options: ShowOptions, deps: Deps): Promise<CommandResult> {
  const { config, store } = await deps.repo();
  const { task } = await store.resolve(options.id);
  await warnInterrupted(deps);
  // The task's history and its code links are two independent git walks: run side by side.
  const [mine, source] = await sideBySide(
    loadTaskHistory(deps, task),
    idsFromFileNames(store).then((ids) => loadCodeLinks(deps, { tasks: [task], ids, focus: true, ...linkWindowFor([task]) })),
  );
  const now = deps.now();
  const zone = await deps.readerZone();
  const links = toCodeLinksJson(source, task.id, manualLinks(task), config, zone, now);
  const code = renderCodeLinkLines(links);
  const category = categoryOf(config, task.status) ?? null;
  const overdue = isOverdue(task, config, now);
  const when = (iso: string): string => inZone(iso, zone).toFormat("yyyy-MM-dd HH:mm");
  const who = (e: TaskEvent): string => sanitizeLine(personFor(config, e.authorEmail, e.authorName));
  const created = mine.find((e) => e.kind === "created");
  // The creation commit also appends the "created" log entry; that is not a later change.
  const last = mine.findLast((e) => e.commit !== created?.commit);
  const commits = new Set(mine.map((e) => e.commit)).size;
  const history: string[] = [];
  if (created) history.push(`created ${when(created.at)} by ${who(created)}`);
  if (last) history.push(`last change ${when(last.at)} by ${who(last)}: ${sanitizeLine(describe(last))}`);
  if (commits > 0) history.push(`${commits} commit${commits === 1 ? "" : "s"}; 'tasks log ${task.id}' shows every change`);
  else history.push("not committed yet");
  const review = task.reviewer === null ? null : reviewState(task, mine, config);
  if (review?.reviewer) {
    const verdict = review.latest;
    const closed = category === "closed";
    const said = review.approval
      ? `approved by ${review.reviewer} ${when(review.approval.at)} (${review.approval.commit.slice(0, 7)})${closed ? "" : ": tasks done closes it"}`
      : closed
        ? `closed without ${review.reviewer}'s approval`
        : verdict?.kind === "changes-requested"
        ? `${review.reviewer} requested changes ${when(verdict.at)}`
        : review.invalidatedBy
          ? `${review.reviewer}'s approval no longer counts: ${review.invalidatedBy}`
          : task.status === "review"
            ? `waiting for ${review.reviewer}'s approval`
            : `${review.reviewer} reviews it once it is sent to review (tasks review ${task.id})`;
    history.push(`review: ${sanitizeLine(said)}`);
  }
  const dueLocal = task.due && task.due.length > 10 ? dueMoment(task.due, zoneFor(config, task.owner)).setZone(zone).toFormat("yyyy-MM-dd HH:mm ZZ") : task.due;
  return {
    json: envelope("task", {
      task: { ...toTaskJson(task, category), body: task.body, overdue },
      history: { commits, created: created ? { at: created.at, by: personFor(config, created.authorEmail, created.authorName) } : null, lastChange: last ? { at: last.at, by: personFor(config, last.authorEmail, last.authorName) } : null },
      links,
      review: review?.reviewer
        ? {
            reviewer: review.reviewer,
            approved: review.approval !== null,
            latestVerdict: review.latest ? { kind: review.latest.kind, at: review.latest.at, commit: review.latest.commit } : null,
            invalidatedBy: review.invalidatedBy,
          }
        : null,
    }),
    plain: renderTaskDetail(task, { category, overdue, dueLocal, history, code }, { width: 100, style: plainStyle, now, zone }),
    human: (view) => renderTaskDetail(task, { category, overdue, dueLocal, history, code }, view),
  };
}
