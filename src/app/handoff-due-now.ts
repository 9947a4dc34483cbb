import { linkWindowFor, loadCodeLinks } from "./code-links.js";
import type { Deps } from "./deps.js";
import { loadHistory } from "./history.js";
import { postNote, type PostRequest } from "./post-flow.js";
import { scheduleFor } from "../domain/working-time.js";
import type { Task } from "../domain/task.js";
import { listBranches } from "../git/refs.js";
import type { CommandResult } from "../render/output.js";
import { buildHandoffView, handoffHistorySince } from "../reports/handoff.js";
import { handoffsOfDay } from "../reports/handoff-due.js";
import { dueAt } from "../reports/schedule.js";

/**
 * `tasks handoff --due-now`, for a scheduled job at the end of each working day: for every person
 * whose day ended in the last interval (on a day they work and are not away), the notes of the
 * tasks they handed off `--to next` that day, rebuilt as of now and posted as that person's
 * handoff of the day (the same record key as `tasks handoff --post`, so a handoff the person
 * posted themselves is not posted twice). It changes no task: the handoff itself was theirs.
 */
export async function runHandoffDueNow(deps: Deps, minutes: number, post: PostRequest | undefined, render: (view: object) => Promise<string>): Promise<CommandResult> {
  const repo = await deps.repo();
  const { config } = repo;
  const now = deps.now();
  const due = dueAt("end", config.team, now, minutes, (member) => scheduleFor(config, member.handle));
  if (due.length === 0) deps.note(`nobody's working day ended in the last ${minutes} minutes`);
  // One history read: the handoff notes' lookback, which covers the day that just ended.
  const since = Math.min(handoffHistorySince(now).getTime(), ...due.map((d) => d.start));
  const { commits, events } = due.length === 0 ? { commits: [], events: [] } : await loadHistory(deps, { since: new Date(since), commitDetails: true });
  const people: string[] = [];
  const views: object[] = [];
  const texts: string[] = [];
  let failed: CommandResult["exitCode"];
  const all = due.length === 0 ? [] : (await repo.store.loadAll()).tasks;
  const byId = new Map(all.map((t) => [t.id, t]));
  const branches = due.length === 0 ? [] : await deps.git().then(listBranches);
  for (const { member, day, start } of due) {
    const handoffs = handoffsOfDay(commits, config, member.handle, start, now.getTime());
    if (handoffs.length === 0) continue;
    people.push(member.handle);
    // One note per receiver: the day's handoffs to them, as the tasks are now.
    const receivers = [...new Set(handoffs.map((h) => h.to))];
    const notes: string[] = [];
    const data: object[] = [];
    for (const to of receivers) {
      const mine = handoffs.filter((h) => h.to === to);
      const tasks = [...new Set(mine.flatMap((h) => h.ids))].map((id) => byId.get(id)).filter((t): t is Task => t !== undefined);
      if (tasks.length === 0) continue;
      const codeLinks = await loadCodeLinks(deps, { tasks: all, ...linkWindowFor(tasks) });
      const last = mine[mine.length - 1];
      const view = buildHandoffView({
        config, now, readerZone: await deps.readerZone(), tasks, lookup: (id) => byId.get(id), events, commits, branches, codeLinks,
        from: member.handle, to, note: last?.note ?? null, dryRun: false, commit: last?.commit ?? null,
      });
      data.push(view);
      notes.push(await render(view));
    }
    if (notes.length === 0) continue;
    const markdown = notes.join("\n");
    texts.push(markdown);
    if (post && post.targets.length > 0) {
      const result = await postNote(deps, { ritual: "handoff", markdown, data: data.length === 1 ? (data[0] as object) : { handoffs: data } }, { who: member.handle, day }, post, { json: {}, plain: "", human: () => "" });
      if (result.exitCode !== undefined) failed = result.exitCode;
      // A dry run shows the payloads it would send instead of the notes' data.
      if (post.dryRun) {
        views.push(result.json as object);
        continue;
      }
    }
    views.push(...data);
  }
  if (due.length > 0 && people.length === 0) deps.note(`no handoffs --to next from ${due.map((d) => d.member.handle).join(", ")} today`);
  const plain = texts.join("\n");
  return {
    json: { schemaVersion: 1, kind: "handoff-due-now", intervalMinutes: minutes, people, handoffs: views },
    plain,
    human: () => plain,
    ...(failed !== undefined ? { exitCode: failed } : {}),
  };
}
