import type { GitPort } from "../git/git.js";
import { linkLogArguments, recordsSince } from "../git/link-log.js";
import { type ClosingLog, readClosingLog, writeClosingLog } from "../storage/closing-cache.js";

/**
 * The commits on the main branch's line that say `Closes:`/`Fixes:`, since `since`: one
 * `git log --grep` from `tip` (docs/code-links.md). Without a cache that walks every commit
 * since the task was created (tens of thousands in an old repository, and one more `Closes:`
 * commit per finished task); with the last answer kept by commit id (storage/closing-cache.ts),
 * only the commits added since are read: `git log <tip> ^<kept tip>`, used only when git confirms
 * the kept tip is in the new tip's history (`git merge-base`), so a reset, a rebase or another
 * main branch never brings back a commit the branch no longer has. A kept window that starts
 * later than `since` is not used; a shallow clone (whose history can still grow) keeps nothing
 * (the caller passes no cache).
 */

export interface ClosingCache {
  readonly gitDir: string;
  readonly tool: string;
}

function covers(kept: ClosingLog, since: string | undefined): boolean {
  if (kept.since === null) return true;
  return since !== undefined && Date.parse(kept.since) <= Date.parse(since);
}

/** The kept answer brought forward to `tip`; undefined when it cannot be. */
async function broughtForward(git: GitPort, kept: ClosingLog, tip: string): Promise<string | undefined> {
  if (kept.tip === tip) return kept.output;
  const window = kept.since === null ? {} : { since: kept.since };
  const [fresh, base] = await Promise.all([
    git.log(linkLogArguments({ revs: [tip], exclude: [kept.tip], closingOnly: true, ...window })),
    git.raw(["merge-base", kept.tip, tip]).catch(() => ""),
  ]);
  if (base.trim() !== kept.tip || (fresh !== "" && !fresh.endsWith("\0"))) return undefined;
  return fresh + kept.output;
}

/** `cache`: undefined when none is kept (TASKS_NO_CACHE=1, a shallow clone). */
export async function closingLog(git: GitPort, cache: ClosingCache | undefined, tip: string, since: string | undefined): Promise<string> {
  const search = (): Promise<string> => git.log(linkLogArguments({ revs: [tip], closingOnly: true, ...(since !== undefined ? { since } : {}) }));
  if (cache === undefined) return search();
  const found = readClosingLog(cache.gitDir, cache.tool);
  const kept = found !== undefined && covers(found, since) ? found : undefined;
  const forward = kept === undefined ? undefined : await broughtForward(git, kept, tip);
  if (kept === undefined || forward === undefined) {
    const output = await search();
    writeClosingLog(cache.gitDir, cache.tool, { tip, since: since ?? null, output });
    return output;
  }
  if (kept.tip !== tip) writeClosingLog(cache.gitDir, cache.tool, { tip, since: kept.since, output: forward });
  return since === undefined || since === kept.since ? forward : recordsSince(forward, since);
}
