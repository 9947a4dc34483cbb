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
