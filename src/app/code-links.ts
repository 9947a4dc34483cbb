import { branchesCarryingIds, buildCodeLinks, linkedCommit, reachableFrom, type CodeLinks, type LinkedCommit } from "../domain/code-links.js";
import type { Config } from "../domain/config.js";
import type { Task } from "../domain/task.js";
import { type LinkCommit, type LinkFocus, linkLogArguments, parseLinkLog, parseLinkLogFocused } from "../git/link-log.js";
import { listRefTips, type RefTip } from "../git/refs.js";
import { resolveCommit } from "../git/revisions.js";
import { closingLog } from "./closing-log.js";
import type { Deps } from "./deps.js";

/**
 * Code links, read once per command: the branch list (one `for-each-ref`), one `git log` over
 * the main branch and HEAD for the window a caller needs, the unmerged branches (one more
 * `for-each-ref`), and the pure builder. A constant number of git processes whatever the number
 * of tasks; hand-made commit links outside the window cost one `git log --no-walk` for all.
 */

export interface UnmergedBranch {
  readonly name: string;
  readonly commit: string;
  readonly committerDate: string;
  readonly subject: string;
  readonly ids: readonly string[];
}

export interface LoadedCodeLinks {
  readonly links: CodeLinks;
  /** The branch taken as main (`main`, `origin/main`…), null when only HEAD could be used. */
  readonly mainBranch: string | null;
  /** Branches not merged into the main branch whose names carry a task id. */
  readonly unmerged: readonly UnmergedBranch[];
  /** The window's start (ISO), null for the whole history. */
  readonly since: string | null;
}

export interface CodeLinkQuery {
  /** The tasks whose hand-made links are read; their ids are known ids too. */
  readonly tasks: readonly Task[];
  /** Every id references resolve against; the ids of `tasks` when absent. */
  readonly ids?: readonly string[];
  /** Read commits after this moment only; the whole history when absent. */
  readonly since?: Date;
  /**
   * Only the links of `tasks` are wanted (show, log): commits whose text cannot name them are
   * read as hash and parents only. The other tasks' links and `unknown` are then incomplete.
   */
  readonly focus?: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The window that holds every commit about these tasks: from a day before the oldest one was
 * created (a commit can be dated a little before the file it names), the whole history when one
 * has no readable `created:`.
 */
export function linkWindowFor(tasks: readonly Task[]): { since?: Date } {
  let oldest = Number.POSITIVE_INFINITY;
  for (const task of tasks) {
    const created = task.created === null ? Number.NaN : Date.parse(task.created);
    if (Number.isNaN(created)) return {};
    oldest = Math.min(oldest, created);
  }
  return Number.isFinite(oldest) ? { since: new Date(oldest - DAY_MS) } : {};
}

/**
 * The ids of every task, from file names alone (tool-made names start with the id): enough for
 * one task's links (show, log) without reading 10,000 files. A hand-made name adds a word that
 * no reference to the shown task can be confused with.
 */
export async function idsFromFileNames(store: { listFiles(): Promise<{ files: readonly string[] }> }): Promise<string[]> {
  const { files } = await store.listFiles();
  const ids = new Set<string>();
  for (const file of files) {
    const name = (file.split("/").pop() ?? "").toLowerCase().replace(/\.md$/, "");
    const dash = name.indexOf("-");
    ids.add(dash > 0 ? name.slice(0, dash) : name);
  }
  return [...ids];
}

/** The configured main branch, else what `origin/HEAD` points to, else `main`, else `master`. */
export function pickMainBranch(tips: readonly RefTip[], config: Config): RefTip | undefined {
  const byRef = new Map(tips.map((t) => [t.ref, t]));
  const named = (name: string): RefTip | undefined => byRef.get(`refs/heads/${name}`) ?? byRef.get(`refs/remotes/origin/${name}`);
  if (config.links.mainBranch !== null) return named(config.links.mainBranch);
  const originHead = byRef.get("refs/remotes/origin/HEAD")?.symref;
  const fromOrigin = originHead ? byRef.get(originHead) : undefined;
  if (fromOrigin) return byRef.get(fromOrigin.ref.replace(/^refs\/remotes\/origin\//, "refs/heads/")) ?? fromOrigin;
  return named("main") ?? named("master");
}

/** A task's hand-made links (`links:` in its frontmatter): commit ids and web addresses. */
export function manualLinks(task: Task): string[] {
  const value = task.data.links;
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return list.filter((item): item is string => typeof item === "string" && item.trim() !== "").map((item) => item.trim());
}

const HASH = /^[0-9a-f]{40,64}$/;

/**
 * The shortest start of `id` no other id shares: a reference resolves to `id` only when it is
 * `id` or a unique prefix of it, so it always holds this much of it.
 */
export function uniquePrefix(id: string, ids: readonly string[]): string {
  let length = 1;
  for (const other of ids) {
    if (other === id) continue;
    let common = 0;
    while (common < id.length && common < other.length && id[common] === other[common]) common++;
    length = Math.max(length, common + 1);
  }
  return id.slice(0, Math.min(length, id.length));
}

const RENUMBERED = /task-renumbered-from/iu;

/**
 * What the focused parse must read in full for these ids: any start of them a reference can
 * resolve from, and of the ids they were renumbered from (a reference written before a
 * renumbering may mean the renumbered file), and the commits kept by hash.
 */
export function linkFocus(output: string, focusIds: readonly string[], ids: readonly string[], keep: ReadonlySet<string>): LinkFocus {
  const wanted = new Set(focusIds);
  if (RENUMBERED.test(output)) {
    for (const commit of parseLinkLogFocused(output, { needles: ["task-renumbered-from"], keep: new Set() })) {
      const values = (key: string): string[] => commit.trailers.filter(([k]) => k.toLowerCase() === key).map(([, v]) => v.toLowerCase());
      if (!values("task-id").some((id) => focusIds.includes(id))) continue;
      for (const old of values("task-renumbered-from")) wanted.add(old);
    }
  }
  return { needles: [...wanted].map((id) => uniquePrefix(id, ids)), keep };
}

export async function loadCodeLinks(deps: Deps, query: CodeLinkQuery): Promise<LoadedCodeLinks> {
  const [repo, git] = await Promise.all([deps.repo(), deps.git()]);
  const tips = await listRefTips(git);
  const main = pickMainBranch(tips, repo.config);
  const head = await resolveCommit(git, "HEAD");
  const mainTip = main?.commit ?? head ?? null;
  const revs = [head, main?.commit].filter((r): r is string => r !== undefined);
  const since = query.since?.toISOString();
  const output = revs.length === 0 ? "" : await git.log(linkLogArguments({ revs, ...(since ? { since } : {}) }));
  const ids = [...new Set([...(query.ids ?? []), ...query.tasks.map((t) => t.id)])];
  const keep = new Set([...tips.map((t) => t.commit), ...query.tasks.flatMap((t) => manualLinks(t))]);
  const commits = query.focus ? parseLinkLogFocused(output, linkFocus(output, query.tasks.map((t) => t.id), ids, keep)) : parseLinkLog(output);
  const mergedTips = mainTip === null ? [] : tips;
  const unmergedTips = mainTip === null ? [] : await listRefTips(git, { noMergedInto: mainTip });
  const unmergedRefs = new Set(unmergedTips.map((t) => t.ref));
  const built = buildCodeLinks({
    commits,
    ids,
    trailerKeys: repo.config.links.trailers.map((k) => k.toLowerCase()),
    mainTip,
    mergedBranches: mergedTips.filter((t) => !unmergedRefs.has(t.ref) && t.symref === "" && t.ref !== main?.ref).map((t) => ({ name: t.name, commit: t.commit })),
  });
  const byTask = new Map(built.byTask);
  await addManualLinks(deps, query.tasks, byTask, new Map(commits.map((c) => [c.hash, c])), mainTip);
  const unmerged = branchesCarryingIds(
    unmergedTips.filter((t) => t.symref === ""),
    ids,
  ).map((t) => ({ name: t.name, commit: t.commit, committerDate: t.committerDate, subject: t.subject, ids: t.ids }));
  return { links: { byTask, unknown: built.unknown }, mainBranch: main?.name ?? null, unmerged, since: since ?? null };
}

/**
 * The commits on the main branch (HEAD when there is none) whose `Closes:`/`Fixes:` name this
 * task: what `tasks check` reports as `closed-by-commit`, found without the whole pass. One
 * `git log` from the main branch's tip over the task's lifetime that git itself filters to
 * messages with such a line (`--grep`), then the same builder resolves the ids (prefixes,
 * renumbered ids) against the ids in the task file names.
 */
export async function closingCommitsFor(deps: Deps, task: Task, listing?: { listFiles(): Promise<{ files: readonly string[] }> }): Promise<LinkedCommit[]> {
  const [repo, git] = await Promise.all([deps.repo(), deps.git()]);
  const cache = repo.store.cache && { gitDir: repo.store.cache.gitDir, tool: repo.store.cache.tool };
  // Asked beside the branch list: a shallow clone keeps no closing-commit cache.
  const shallow = cache === undefined ? Promise.resolve(true) : git.isShallow().catch(() => true);
  const main = pickMainBranch(await listRefTips(git), repo.config);
  const tip = main?.commit ?? (await resolveCommit(git, "HEAD"));
  if (tip === undefined) return [];
  const since = linkWindowFor([task]).since?.toISOString();
  const output = await closingLog(git, (await shallow) ? undefined : cache, tip, since);
  if (output === "") return [];
  const ids = [...new Set([...(await idsFromFileNames(listing ?? repo.store)), task.id])];
  // Only commits that could name this task are read in full, as for `tasks show`.
  const commits = parseLinkLogFocused(output, linkFocus(output, [task.id], ids, new Set()));
  const built = buildCodeLinks({ commits, ids, trailerKeys: [], mainTip: null });
  // Every commit read is on the main branch's line: the log started at its tip.
  // Newest first by committer date (an answer brought forward from the cache lists the new commits first).
  const newestFirst = (a: LinkedCommit, b: LinkedCommit): number => Date.parse(b.committerDate) - Date.parse(a.committerDate) || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0);
  return (built.byTask.get(task.id) ?? [])
    .filter((c) => c.kinds.includes("closes") || c.kinds.includes("fixes"))
    .map((c) => ({ ...c, onMain: true }))
    .sort(newestFirst);
}

/** Commits linked by hand: from the pass when they are in it, else from one `git log --no-walk` for all of them. */
async function addManualLinks(deps: Deps, tasks: readonly Task[], byTask: Map<string, readonly LinkedCommit[]>, read: ReadonlyMap<string, LinkCommit>, mainTip: string | null): Promise<void> {
  const wanted = tasks.flatMap((task) => manualLinks(task).filter((l) => HASH.test(l)).map((hash) => ({ id: task.id, hash })));
  if (wanted.length === 0) return;
  // Outside the window, whether a commit reached main is not known here: it is shown as not on main.
  const onMain = reachableFrom(mainTip, read);
  const missing = [...new Set(wanted.map((w) => w.hash).filter((h) => !read.has(h)))];
  const extra = new Map<string, LinkCommit>();
  if (missing.length > 0) {
    const git = await deps.git();
    const output = await git.log(linkLogArguments({ revs: missing, noWalk: true })).catch(() => "");
    for (const commit of parseLinkLog(output)) extra.set(commit.hash, commit);
  }
  for (const { id, hash } of wanted) {
    const list = [...(byTask.get(id) ?? [])];
    const existing = list.findIndex((c) => c.hash === hash);
    if (existing >= 0) {
      const c = list[existing] as LinkedCommit;
      if (!c.kinds.includes("manual")) list[existing] = { ...c, kinds: [...c.kinds, "manual"] };
    } else {
      const commit = read.get(hash) ?? extra.get(hash);
      if (commit) list.push(linkedCommit(commit, ["manual"], onMain.has(commit.hash)));
    }
    list.sort((a, b) => Date.parse(b.committerDate) - Date.parse(a.committerDate));
    byTask.set(id, list);
  }
}
