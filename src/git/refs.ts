import type { GitPort } from "./git.js";

/**
 * Branch names, local and remote, with their tip commit: handoff notes name the branches whose
 * names carry a task's id. Names come from git and are untrusted text for display only; they
 * never go back into a git argument.
 */

export interface BranchTip {
  readonly name: string;
  readonly commit: string;
  readonly committerDate: string;
  readonly subject: string;
}

const FORMAT = "%(refname:short)%00%(objectname)%00%(committerdate:iso-strict)%00%(subject)";

export function parseBranchList(output: string): BranchTip[] {
  return output
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name = "", commit = "", committerDate = "", subject = ""] = line.split("\0");
      return { name, commit, committerDate, subject };
    })
    .filter((tip) => tip.name !== "" && !tip.name.endsWith("/HEAD"));
}

export async function listBranches(git: GitPort): Promise<BranchTip[]> {
  return parseBranchList(await git.raw(["for-each-ref", `--format=${FORMAT}`, "refs/heads", "refs/remotes"]));
}

export interface RefTip {
  /** Full ref name: `refs/heads/main`, `refs/remotes/origin/feat/x`. */
  readonly ref: string;
  readonly name: string;
  readonly commit: string;
  readonly committerDate: string;
  readonly subject: string;
  /** For a symbolic ref (`refs/remotes/origin/HEAD`): the ref it points to. */
  readonly symref: string;
}

const TIP_FORMAT = "%(refname)%00%(refname:short)%00%(objectname)%00%(committerdate:iso-strict)%00%(subject)%00%(symref)";
const HASH = /^[0-9a-f]{40,64}$/;

export function parseRefTips(output: string): RefTip[] {
  return output
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [ref = "", name = "", commit = "", committerDate = "", subject = "", symref = ""] = line.split("\0");
      return { ref, name, commit, committerDate, subject, symref };
    })
    .filter((tip) => tip.ref !== "" && HASH.test(tip.commit));
}

/** Local and remote branches with their tips; with `noMergedInto` (a full commit id) only those it does not contain. */
export async function listRefTips(git: GitPort, options: { readonly noMergedInto?: string } = {}): Promise<RefTip[]> {
  const filter = options.noMergedInto !== undefined && HASH.test(options.noMergedInto) ? [`--no-merged=${options.noMergedInto}`] : [];
  return parseRefTips(await git.raw(["for-each-ref", `--format=${TIP_FORMAT}`, ...filter, "refs/heads", "refs/remotes"]));
}
