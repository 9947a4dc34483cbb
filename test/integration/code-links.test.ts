import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildCodeLinks, closingCommits, idsInBranchName } from "../../src/domain/code-links.js";
import { linkFocus } from "../../src/app/code-links.js";
import { linkLogArguments, parseLinkLog, parseLinkLogFocused } from "../../src/git/link-log.js";
import { isolatedEnv, TEST_ROOT } from "../helpers/env.js";

/**
 * Code links on real repositories: real merge commits and branches, trailers as people type them
 * (odd spacing and case), renumbered ids, hostile subjects. git prints the log with our format;
 * the pure builder reads it.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repo() {
  const dir = mkdtempSync(join(TEST_ROOT, "code-links-"));
  dirs.push(dir);
  const env = isolatedEnv({}, `${dir}/.home`);
  let clock = Date.parse("2026-11-02T09:00:00Z");
  const git = (...args: string[]): string => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Alice");
  git("config", "user.email", "alice@example.com");
  let n = 0;
  const commit = (message: string): string => {
    writeFileSync(join(dir, `f${n++}.txt`), `${n}\n`);
    git("add", "-A");
    clock += 60_000;
    const date = new Date(clock).toISOString();
    execFileSync("git", ["commit", "-q", "--cleanup=verbatim", "-F", "-"], { cwd: dir, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }, input: message });
    return git("rev-parse", "HEAD").trim();
  };
  const merge = (branch: string, message: string): string => {
    clock += 60_000;
    const date = new Date(clock).toISOString();
    execFileSync("git", ["merge", "-q", "--no-ff", "-m", message, branch], { cwd: dir, env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    return git("rev-parse", "HEAD").trim();
  };
  const links = (ids: string[], trailerKeys = ["task"]) => {
    const head = git("rev-parse", "HEAD").trim();
    const commits = parseLinkLog(git("log", ...linkLogArguments({ revs: [head] })));
    return buildCodeLinks({ commits, ids, trailerKeys, mainTip: head });
  };
  return { dir, git, commit, merge, links };
}

const short = (hashes: readonly { hash: string }[] | undefined): string[] => (hashes ?? []).map((c) => c.hash);

describe("code links from git", () => {
  it("reads Task, Closes and Fixes trailers in any case and spacing, several per commit and per line", () => {
    const r = repo();
    r.commit("initial");
    const a = r.commit("Raise the timeout\n\nSome words.\n\ntask:k7m2q\nTASK :   p3x9t  \n");
    const b = r.commit("Both at once\n\nTask: k7m2q, p3x9t\n");
    const c = r.commit("Close it\n\ncloses:   k7m\nFixes: #p3x9t\n");
    const links = r.links(["k7m2q", "p3x9t", "aaaaa"]);
    expect(short(links.byTask.get("k7m2q"))).toEqual([c, b, a]);
    expect(short(links.byTask.get("p3x9t"))).toEqual([c, b, a]);
    expect(links.byTask.get("k7m2q")?.[0]?.kinds).toEqual(["closes"]);
    expect(short(closingCommits(links, "k7m2q"))).toEqual([c]);
    expect(short(closingCommits(links, "p3x9t"))).toEqual([c]);
    expect(links.byTask.has("aaaaa")).toBe(false);
    expect(links.unknown).toEqual([]);
  });

  it("takes the trailer name from the settings, and ignores the tool's own commits and mentions in the body", () => {
    const r = repo();
    r.commit("initial");
    const refs = r.commit("Use Refs\n\nRefs: k7m2q\n");
    r.commit("Mentions k7m2q in the subject\n\nand Task: k7m2q mid-sentence in the body.\n\nSigned-off-by: A <a@x>\n");
    r.commit("tasks: claim k7m2q Fix login\n\nTask-Id: k7m2q\nTask-Action: claim\nTask: k7m2q\n");
    expect(short(r.links(["k7m2q"], ["refs"]).byTask.get("k7m2q"))).toEqual([refs]);
    expect(r.links(["k7m2q"]).byTask.get("k7m2q")).toBeUndefined();
  });

  it("reports ids no task has and prefixes several have", () => {
    const r = repo();
    r.commit("initial");
    const bad = r.commit("Typo\n\nTask: zzzzz\nCloses: k7\n");
    const links = r.links(["k7m2q", "k7abc"]);
    expect(links.unknown.map((u) => [u.commit, u.reference, u.problem, u.candidates])).toEqual([
      [bad, "zzzzz", "unknown", []],
      [bad, "k7", "ambiguous", ["k7abc", "k7m2q"]],
    ]);
  });

  it("links a merge by the id in the merged branch's name, and only whole ids", () => {
    const r = repo();
    r.commit("initial");
    r.git("checkout", "-q", "-b", "feature/k7m2q-login");
    r.commit("work without a trailer");
    r.git("checkout", "-q", "main");
    r.commit("main moves on");
    const merge = r.merge("feature/k7m2q-login", "Merge branch 'feature/k7m2q-login'");
    r.git("checkout", "-q", "-b", "fix/k7m");
    r.commit("prefix only");
    r.git("checkout", "-q", "main");
    r.merge("fix/k7m", "Merge branch 'fix/k7m'");
    const links = r.links(["k7m2q"]);
    expect(short(links.byTask.get("k7m2q"))).toEqual([merge]);
    expect(links.byTask.get("k7m2q")?.[0]?.kinds).toEqual(["branch"]);
    expect(idsInBranchName("user/feature/auth-12-login", new Set(["auth-12"]))).toEqual(["auth-12"]);
    expect(idsInBranchName("Merge pull request #3 from o/k7m2q", new Set(["k7m2q"]))).toEqual(["k7m2q"]);
  });

  it("counts Closes as reaching main only when the main branch contains the commit", () => {
    const r = repo();
    r.commit("initial");
    r.git("checkout", "-q", "-b", "side");
    const side = r.commit("Done on a branch\n\nCloses: k7m2q\n");
    r.git("checkout", "-q", "main");
    const main = r.git("rev-parse", "HEAD").trim();
    const commits = parseLinkLog(r.git("log", ...linkLogArguments({ revs: [main, side] })));
    const links = buildCodeLinks({ commits, ids: ["k7m2q"], trailerKeys: ["task"], mainTip: main });
    expect(short(links.byTask.get("k7m2q"))).toEqual([side]);
    expect(closingCommits(links, "k7m2q")).toEqual([]);
  });

  it("gives a reference to a renumbered id to the file the commit could see", () => {
    const r = repo();
    r.commit("initial");
    r.git("checkout", "-q", "-b", "other-clone");
    r.commit("tasks: new k7m2q Beta task\n\nTask-Id: k7m2q\nTask-Action: new\n");
    const onSide = r.commit("Work on beta\n\nTask: k7m2q\n");
    r.git("checkout", "-q", "main");
    r.commit("tasks: new k7m2q Alpha task\n\nTask-Id: k7m2q\nTask-Action: new\n");
    const onMain = r.commit("Work on alpha\n\nTask: k7m2q\n");
    r.merge("other-clone", "Merge branch 'other-clone'");
    r.commit("tasks: renumber p3x9t Beta task\n\nTask-Id: p3x9t\nTask-Action: renumber\nTask-Renumbered-From: k7m2q\n");
    const after = r.commit("Alpha again\n\nTask: k7m2q\n");
    const links = r.links(["k7m2q", "p3x9t"]);
    expect(short(links.byTask.get("p3x9t"))).toEqual([onSide]);
    expect(short(links.byTask.get("k7m2q"))).toEqual([after, onMain]);
  });

  it("keeps hostile subjects as data: NUL-free separators, forged trailers and escapes in the subject shift nothing", () => {
    const r = repo();
    r.commit("initial");
    const hostile = r.commit("\x1b]0;PWNED\x07 Task: zzzzz \x1f ò FAKE ò Mallory\n\nTask: k7m2q\n");
    const links = r.links(["k7m2q"]);
    const [linked] = links.byTask.get("k7m2q") ?? [];
    expect(linked?.hash).toBe(hostile);
    expect(linked?.subject).toBe("\x1b]0;PWNED\x07 Task: zzzzz \x1f ò FAKE ò Mallory");
    expect(linked?.authorName).toBe("Alice");
    expect(links.unknown).toEqual([]);
  });

  it("the focused read of one task (show, log) finds what the whole pass finds: prefixes, case, renumbered ids, merged branches, tips", () => {
    const r = repo();
    r.commit("initial");
    r.git("checkout", "-q", "-b", "other-clone");
    r.commit("tasks: new k7m2q Beta task\n\nTask-Id: k7m2q\nTask-Action: new\n");
    r.commit("Work on beta\n\nTask: K7M2Q\n");
    r.git("checkout", "-q", "main");
    r.commit("tasks: new k7m2q Alpha task\n\nTask-Id: k7m2q\nTask-Action: new\n");
    r.commit("Work on alpha\n\nTask: k7m\n");
    r.merge("other-clone", "Merge branch 'other-clone'");
    r.commit("tasks: renumber p3x9t Beta task\n\nTask-Id: p3x9t\nTask-Action: renumber\nTask-Renumbered-From: k7m2q\n");
    r.commit("Alpha again, the Kelvin sign lowercases to k\n\nFixes: \u212A7m2q\n");
    // An id made of hex digits (in hashes everywhere) and one other ids share a start with.
    r.commit("Hex\n\nTask: abc12, k7p4x\n");
    r.commit("A hand-made id with a dash (a character the pattern must not escape)\n\nTask: AUTH-12\n");
    r.git("checkout", "-q", "-b", "feature/abc12-login");
    r.commit("no trailer on the branch");
    r.git("checkout", "-q", "main");
    r.merge("feature/abc12-login", "Merge branch 'feature/abc12-login'");
    r.git("checkout", "-q", "-b", "k7p4x-fast");
    r.commit("fast-forwarded, linked by its tip");
    r.git("checkout", "-q", "main");
    r.git("merge", "-q", "--ff-only", "k7p4x-fast");
    r.commit("Unrelated\n\nTask: zzzzz\n");
    const head = r.git("rev-parse", "HEAD").trim();
    const output = r.git("log", ...linkLogArguments({ revs: [head] }));
    const tips = r.git("for-each-ref", "--format=%(objectname) %(refname:short)", "refs/heads").trim().split("\n").map((l) => l.split(" ") as [string, string]);
    const mergedBranches = tips.filter(([, name]) => name !== "main").map(([commit, name]) => ({ name, commit }));
    const ids = ["k7m2q", "p3x9t", "p3x9a", "abc12", "k7p4x", "zzzzz", "auth-12", "auth-13"];
    const input = { ids, trailerKeys: ["task"], mainTip: head, mergedBranches };
    const whole = buildCodeLinks({ ...input, commits: parseLinkLog(output) });
    for (const id of ids) {
      const focused = buildCodeLinks({ ...input, commits: parseLinkLogFocused(output, linkFocus(output, [id], ids, new Set(tips.map(([c]) => c)))) });
      expect(focused.byTask.get(id), id).toEqual(whole.byTask.get(id));
    }
    expect(whole.byTask.get("p3x9t")?.length).toBe(1);
    expect(whole.byTask.get("auth-12")?.length).toBe(1);
    expect(whole.byTask.get("k7m2q")?.map((c) => c.kinds)).toEqual([["fixes"], ["trailer"]]);
    expect(whole.byTask.get("k7p4x")?.map((c) => c.kinds)).toEqual([["branch"], ["trailer"]]);
    // The merge, and the merged branch's tip (the branch is still there).
    expect(whole.byTask.get("abc12")?.map((c) => c.kinds)).toEqual([["branch"], ["branch"], ["trailer"]]);
  });
});
