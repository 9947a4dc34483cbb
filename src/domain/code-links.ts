import { isValidId } from "./ids.js";

/**
 * Code links: which commits served which task, from git alone. Pure: takes the commits of one
 * history pass (newest first, with parents and trailers), the ids of the tasks, and returns every
 * task's linked commits, the references to ids no task has, and the `Closes:`/`Fixes:` commits
 * that reached the main branch.
 *
 * A commit references a task by a trailer (`Task: k7m2q`, the key configurable, several allowed,
 * several ids per trailer too), by `Closes: k7m2q` or `Fixes: k7m2q`, or, for a merge, by the id
 * in the merged branch's name (`Merge branch 'feature/k7m2q-login'`). Ids in trailers resolve
 * like ids on the command line (unique prefixes); ids in branch names must match whole, because
 * a branch name is made of words (`fix-login` is not a prefix of anything). The tool's own
 * commits (they carry `Task-Action:`) are the task's history, not code, and are never links.
 */

export type LinkKind = "trailer" | "closes" | "fixes" | "branch" | "manual";

/** What every log pass reads of a commit (git/log-format.ts, git/link-log.ts). */
export interface CommitHeader {
  readonly hash: string;
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorDate: string;
  readonly committerDate: string;
  readonly subject: string;
}

/** The commit fields a link needs: what the code-links pass (git/link-log.ts) reads of each commit. */
export interface LinkSourceCommit extends CommitHeader {
  /** The message's trailers as git parsed them, keys as written (compare them case-insensitively). */
  readonly trailers: readonly (readonly [string, string])[];
}

export interface LinkedCommit {
  readonly hash: string;
  readonly subject: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorDate: string;
  readonly committerDate: string;
  /** How the commit names the task: a trailer, `Closes:`, `Fixes:`, a merged branch's name, by hand. */
  readonly kinds: readonly LinkKind[];
  /** Reached the main branch (false when the main branch is unknown or the commit only is on HEAD's line). */
  readonly onMain: boolean;
}

/** A commit as a link of a task: its own fields, how it names the task, whether it reached main. */
export function linkedCommit(commit: LinkSourceCommit, kinds: readonly LinkKind[], onMain: boolean): LinkedCommit {
  const { hash, subject, authorName, authorEmail, authorDate, committerDate } = commit;
  return { hash, subject, authorName, authorEmail, authorDate, committerDate, kinds, onMain };
}

export interface UnknownReference {
  readonly commit: string;
  readonly subject: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly committerDate: string;
  /** The text after the trailer key, as written. */
  readonly reference: string;
  readonly key: string;
  /** `unknown`: no task has it; `ambiguous`: a prefix of several. */
  readonly problem: "unknown" | "ambiguous";
  readonly candidates: readonly string[];
}

export interface CodeLinks {
  /** Linked commits by task id, newest first. */
  readonly byTask: ReadonlyMap<string, readonly LinkedCommit[]>;
  /** References to ids no task has (or a prefix several have), newest first. */
  readonly unknown: readonly UnknownReference[];
}

export interface CodeLinkInput {
  readonly commits: readonly LinkSourceCommit[];
  readonly ids: readonly string[];
  /** The trailer keys that name a task, lowercase (`task`; configurable). */
  readonly trailerKeys: readonly string[];
  /** The main branch's tip, when it is known: commits reachable from it are `onMain`. */
  readonly mainTip: string | null;
  /** Branches git knows whose tip reached the main branch (fast-forwarded, or merged): their tip is linked by name. */
  readonly mergedBranches?: readonly { readonly name: string; readonly commit: string }[];
}

const CLOSING: Readonly<Record<string, LinkKind>> = { closes: "closes", fixes: "fixes" };

/** `k7m2q, p3x9t` or `#k7m2q p3x9t` → the ids as typed, lowercased. */
function referencedIds(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((part) => part.replace(/^#/, "").replace(/[.)]+$/, "").toLowerCase())
    .filter((part) => part !== "");
}

type Match = { readonly id: string } | { readonly problem: "unknown" | "ambiguous"; readonly candidates: readonly string[] };

/** Like resolveId (domain/ids.ts), without throwing: an exact id wins, else a unique prefix. */
export function matchId(typed: string, ids: ReadonlySet<string>, sorted: readonly string[]): Match {
  if (!isValidId(typed)) return { problem: "unknown", candidates: [] };
  if (ids.has(typed)) return { id: typed };
  const candidates = sorted.filter((id) => id.startsWith(typed));
  if (candidates.length === 1) return { id: candidates[0] as string };
  return { problem: candidates.length === 0 ? "unknown" : "ambiguous", candidates: candidates.slice(0, 10) };
}

/** Branch names a merge subject carries: `Merge branch 'feat/x'`, `Merge pull request #12 from o/feat/x`. */
export function mergedBranchNames(subject: string): string[] {
  const match = /^Merge (?:branch|remote-tracking branch) '([^']+)'/.exec(subject) ?? /^Merge pull request #\d+ from (\S+)/.exec(subject);
  return match ? [match[1] as string] : [];
}

/**
 * The task ids a branch name carries as whole words: `feature/k7m2q-login` → k7m2q. Hand-made
 * ids hold dashes (`auth-12`), so runs of words are tried too.
 */
export function idsInBranchName(name: string, ids: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const segment of name.toLowerCase().split("/")) {
    const words = segment.split(/[-_.]+/).filter(Boolean);
    for (let start = 0; start < words.length; start++) {
      for (let end = start + 1; end <= Math.min(words.length, start + 4); end++) {
        const candidate = words.slice(start, end).join("-");
        if (ids.has(candidate)) found.add(candidate);
        const underscored = words.slice(start, end).join("_");
        if (ids.has(underscored)) found.add(underscored);
      }
    }
  }
  return [...found];
}

/** Every commit reachable from `tip` among the commits read (the window's part of the main branch). */
export function reachableFrom(tip: string | null, byHash: ReadonlyMap<string, LinkSourceCommit>): Set<string> {
  const seen = new Set<string>();
  if (tip === null) return seen;
  const stack = [tip];
  while (stack.length > 0) {
    const hash = stack.pop() as string;
    if (seen.has(hash)) continue;
    const commit = byHash.get(hash);
    if (!commit) continue;
    seen.add(hash);
    for (const parent of commit.parents) if (!seen.has(parent)) stack.push(parent);
  }
  return seen;
}

function trailerValues(commit: LinkSourceCommit, key: string): string[] {
  return commit.trailers.filter(([k]) => k.toLowerCase() === key).map(([, v]) => v);
}

/** The tool's own commits: they carry `Task-Action:`. */
export function isToolCommit(commit: LinkSourceCommit): boolean {
  return trailerValues(commit, "task-action").length > 0;
}

/**
 * Renumbered ids (`tasks renumber`): a reference to k7m2q written before k7m2q was renumbered
 * to p3x9t may have meant either file. It meant the one whose creation the referencing commit
 * can reach: the renumber commit's title says which creation (`tasks: new k7m2q <title>`) was
 * the renumbered file's. When the commit reaches both or neither, it stays with the id's keeper.
 */
interface RenumberIndex {
  /** Renumber commits by the id they renumbered from. */
  readonly from: ReadonlyMap<string, LinkSourceCommit[]>;
  /** The tool's `new` commits by id. */
  readonly creations: ReadonlyMap<string, LinkSourceCommit[]>;
}

function renumberIndex(commits: readonly LinkSourceCommit[]): RenumberIndex {
  const from = new Map<string, LinkSourceCommit[]>();
  const creations = new Map<string, LinkSourceCommit[]>();
  const push = (map: Map<string, LinkSourceCommit[]>, key: string, commit: LinkSourceCommit): void => void map.set(key, [...(map.get(key) ?? []), commit]);
  for (const commit of commits) {
    if (commit.trailers.length === 0 || !isToolCommit(commit)) continue;
    for (const old of trailerValues(commit, "task-renumbered-from")) push(from, old.toLowerCase(), commit);
    if (trailerValues(commit, "task-action").includes("new")) for (const id of trailerValues(commit, "task-id")) push(creations, id.toLowerCase(), commit);
  }
  return { from, creations };
}

function renumberedTarget(commit: LinkSourceCommit, id: string, input: CodeLinkInput, index: RenumberIndex, byHash: ReadonlyMap<string, LinkSourceCommit>, ancestry: (hash: string) => Set<string>): string {
  const renumbers = index.from.get(id) ?? [];
  if (renumbers.length === 0) return id;
  const before = ancestry(commit.hash);
  const title = (c: LinkSourceCommit, verb: string): string => c.subject.replace(new RegExp(`^tasks: ${verb} \\S+ `), "").replace(/…$/, "");
  const creations = index.creations.get(id) ?? [];
  for (const renumber of renumbers) {
    const to = trailerValues(renumber, "task-id")[0]?.toLowerCase();
    if (to === undefined || !input.ids.includes(to) || before.has(renumber.hash)) continue;
    // Only references written before the renumbering can mean the renumbered file by its old id.
    if (!ancestry(renumber.hash).has(commit.hash) && byHash.has(renumber.hash)) continue;
    const renumberedTitle = title(renumber, "renumber");
    const reached = creations.filter((c) => before.has(c.hash));
    const reachedRenumbered = reached.filter((c) => {
      const created = title(c, "new");
      return created.startsWith(renumberedTitle) || renumberedTitle.startsWith(created);
    });
    if (reached.length === 1 && reachedRenumbered.length === 1) return to;
  }
  return id;
}

export function buildCodeLinks(input: CodeLinkInput): CodeLinks {
  const ids = new Set(input.ids);
  const sorted = [...ids].sort();
  const byHash = new Map(input.commits.map((c) => [c.hash, c]));
  const onMain = reachableFrom(input.mainTip, byHash);
  const ancestryCache = new Map<string, Set<string>>();
  const ancestry = (hash: string): Set<string> => {
    let set = ancestryCache.get(hash);
    if (!set) ancestryCache.set(hash, (set = reachableFrom(hash, byHash)));
    return set;
  };
  const tipNames = new Map<string, string[]>();
  for (const branch of input.mergedBranches ?? []) tipNames.set(branch.commit, [...(tipNames.get(branch.commit) ?? []), branch.name]);
  const index = renumberIndex(input.commits);
  const byTask = new Map<string, LinkedCommit[]>();
  const unknown: UnknownReference[] = [];
  const keys: [string, LinkKind][] = [...input.trailerKeys.map((k) => [k, "trailer"] as [string, LinkKind]), ...Object.entries(CLOSING)];
  for (const commit of input.commits) {
    // Most commits name nothing: no trailer, not a merge, no branch tip. Nothing below could link them.
    if (commit.trailers.length === 0 && commit.parents.length < 2 && !tipNames.has(commit.hash)) continue;
    if (isToolCommit(commit)) continue;
    const kinds = new Map<string, Set<LinkKind>>();
    const add = (id: string, kind: LinkKind): void => {
      const set = kinds.get(id) ?? new Set<LinkKind>();
      set.add(kind);
      kinds.set(id, set);
    };
    for (const [key, kind] of keys) {
      for (const value of trailerValues(commit, key)) {
        for (const typed of referencedIds(value)) {
          const match = matchId(typed, ids, sorted);
          if ("id" in match) add(renumberedTarget(commit, match.id, input, index, byHash, ancestry), kind);
          else unknown.push({ commit: commit.hash, subject: commit.subject, authorName: commit.authorName, authorEmail: commit.authorEmail, committerDate: commit.committerDate, reference: typed, key, problem: match.problem, candidates: match.candidates });
        }
      }
    }
    const branchNames = [...(commit.parents.length > 1 ? mergedBranchNames(commit.subject) : []), ...(tipNames.get(commit.hash) ?? [])];
    for (const name of branchNames) for (const id of idsInBranchName(name, ids)) add(id, "branch");
    for (const [id, set] of kinds) {
      const linked = linkedCommit(commit, [...set], onMain.has(commit.hash));
      const list = byTask.get(id);
      if (list) list.push(linked);
      else byTask.set(id, [linked]);
    }
  }
  return { byTask, unknown };
}

/** A task's commits that close it (`Closes:`/`Fixes:`) and reached the main branch. */
export function closingCommits(links: CodeLinks, id: string): LinkedCommit[] {
  return (links.byTask.get(id) ?? []).filter((c) => c.onMain && (c.kinds.includes("closes") || c.kinds.includes("fixes")));
}

/** Branches not yet merged into the main branch, with the task ids their names carry (only those that carry one). */
export function branchesCarryingIds<B extends { readonly name: string }>(branches: readonly B[], ids: readonly string[]): (B & { readonly ids: readonly string[] })[] {
  const set = new Set(ids);
  return branches.flatMap((branch) => {
    const found = idsInBranchName(branch.name, set);
    return found.length > 0 ? [{ ...branch, ids: found }] : [];
  });
}

/** A web address `tasks link` records: http(s), one line, no spaces or hidden characters, a sane length. */
export function isLinkUrl(text: string): boolean {
  return /^https?:\/\/[^\s\u0000-\u001f\u007f-\u009f]+$/i.test(text) && text.length <= 2000;
}

/** `tasks link`: add `link` (a full commit id or a web address) to the task's `links:` list; null when it is there. */
export function linkTaskChange(current: readonly string[], link: string): { readonly action: string; readonly edits: readonly { readonly key: string; readonly value: string[] }[]; readonly log: string } | null {
  if (current.includes(link)) return null;
  return { action: "link", edits: [{ key: "links", value: [...current, link] }], log: `linked ${/^[0-9a-f]{40,64}$/.test(link) ? `commit ${link.slice(0, 12)}` : link}` };
}
