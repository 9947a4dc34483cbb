import { describe, expect, it } from "vitest";
import { createGitClient } from "../../src/git/simple-git-client.js";
import { makeRepo, type TestRepo } from "../helpers/repo.js";

/** commitPaths returns the new commit's full id, read from git's summary line: the id HEAD names. */

const MESSAGE = { subject: "tasks: comment k7m2q [x 0123456] ] y", trailers: [["Task-Id", "k7m2q"]] as [string, string][] };

async function commitOne(repo: TestRepo, path: string, addNew: boolean): Promise<string> {
  const git = await createGitClient(repo.dir, repo.env);
  repo.write(path, `${path} ${Math.random()}\n`);
  return git.commitPaths([path], MESSAGE, { addNew });
}

describe("the commit id a tool commit returns", () => {
  it("is HEAD's full id on a branch whose name holds brackets and slashes", async () => {
    const repo = makeRepo();
    repo.git(["switch", "-q", "-c", "we]ird/br(1)"]);
    repo.write("tasks/a.md", "a\n");
    repo.commit("add a");
    const id = await commitOne(repo, "tasks/a.md", false);
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(id).toBe(repo.git(["rev-parse", "HEAD"]).trim());
  });

  it("is HEAD's id on a detached HEAD", async () => {
    const repo = makeRepo();
    repo.write("tasks/a.md", "a\n");
    repo.commit("add a");
    repo.git(["checkout", "-q", "--detach"]);
    const id = await commitOne(repo, "tasks/a.md", false);
    expect(id).toBe(repo.git(["rev-parse", "HEAD"]).trim());
    expect(repo.git(["log", "-1", "--format=%s"]).trim()).toBe(MESSAGE.subject);
  });

  it("is the root commit's id in a repository without commits", async () => {
    const repo = makeRepo({ initialCommit: false });
    const id = await commitOne(repo, "tasks/new.md", true);
    expect(id).toBe(repo.git(["rev-parse", "HEAD"]).trim());
    expect(repo.git(["rev-list", "--count", "HEAD"]).trim()).toBe("1");
  });

  it("is the full id even when the repository abbreviates ids to 4 characters", async () => {
    const repo = makeRepo();
    repo.git(["config", "core.abbrev", "4"]);
    repo.write("tasks/a.md", "a\n");
    repo.commit("add a");
    const id = await commitOne(repo, "tasks/a.md", false);
    expect(id).toBe(repo.git(["rev-parse", "HEAD"]).trim());
  });
});
