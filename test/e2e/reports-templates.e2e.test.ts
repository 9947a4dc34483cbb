import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo, type TeamRepo } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

const NOW = "2026-11-20T09:00:00Z";

function seeded(): TeamRepo {
  const repo = makeTeamRepo();
  repo.save({ id: "k7m2q", title: "Fix login timeout", status: "in-progress", owner: "alice", dod: ["Tests"], log: [] }, "2026-11-19T09:00:00Z", "alice");
  return repo;
}

describe("templates", () => {
  it("a team template in .tasks/templates is used, and --template overrides it for one run", async () => {
    const repo = seeded();
    repo.write(".tasks/templates/standup.md", "TEAM NOTE for {{ people.size }}: {% for p in people %}{{ p.handle }}={{ p.inProgress.size }}{% endfor %}\n");
    repo.commit("team template", { date: "2026-11-19T10:00:00Z" });
    const team = await repo.tasksAt(["standup"], NOW);
    expect(team.code).toBe(0);
    expect(team.stdout).toBe("TEAM NOTE for 1: alice=1\n");

    repo.write("one-off.md", "ONE-OFF {{ dateText }}\n");
    const oneOff = await repo.tasksAt(["standup", "--template", "one-off.md"], NOW);
    expect(oneOff.stdout).toBe("ONE-OFF Fri 20 Nov 2026\n");
  });

  it("an unknown variable is an error naming it and the valid ones: exit 1, nothing written", async () => {
    const repo = seeded();
    repo.write(".tasks/templates/weekly.md", "Week {{ week.lable }}\n");
    const weekly = await repo.tasksAt(["report", "weekly", "--out", "weekly.md"], NOW);
    expect(weekly.code).toBe(1);
    expect(weekly.stderr).toContain('error: template .tasks/templates/weekly.md:1: unknown variable "week.lable" [TEMPLATE_UNKNOWN_VARIABLE]');
    expect(weekly.stderr).toMatch(/hint: valid variables: .*week\.label/);
    expect(existsSync(join(repo.dir, "weekly.md"))).toBe(false);

    repo.write(".tasks/templates/handoff.md", "{% for t in tasks %}{{ t.dod.lefts }}{% endfor %}\n");
    const head = repo.git(["rev-parse", "HEAD"]);
    const file = repo.read(repo.pathOf("k7m2q"));
    const handoff = await repo.tasksAt(["handoff", "k7m2q", "--to", "bob"], NOW);
    expect(handoff.code).toBe(1);
    expect(handoff.stderr).toContain('unknown variable "t.dod.lefts"');
    expect(repo.git(["rev-parse", "HEAD"])).toBe(head);
    expect(repo.read(repo.pathOf("k7m2q"))).toBe(file);
  });

  it("template text in any engine's code syntax is never run and never reads a file", async () => {
    const repo = seeded();
    const canary = join(repo.dir, "pwned-canary.txt");
    const ejs = `<% require('fs').writeFileSync(${JSON.stringify(canary)}, 'x') %><%= process.env.HOME %>`;
    const hostile: [string, string | null][] = [
      [ejs, `${ejs}\n`],
      ["{{#with this.constructor}}{{name}}{{/with}}", null],
      ["{{ ''.__class__.__mro__[1].__subclasses__() }}", null],
      ["{% include '/etc/passwd' %}", null],
      ["{% render '../../x' %}", null],
      ["{{ people.constructor }}", null],
      ["{{ people | map: '__proto__' | json }}", "[null]\n"],
    ];
    for (const [text, output] of hostile) {
      repo.write(".tasks/templates/standup.md", `${text}\n`);
      const result = await repo.tasksAt(["standup"], NOW);
      expect([0, 1]).toContain(result.code);
      const seen = result.stdout + result.stderr;
      expect(seen).not.toMatch(/root:.*:0:0:|native code|function /);
      expect(seen).not.toContain(repo.env.HOME ?? "no-home");
      expect(existsSync(canary)).toBe(false);
      if (output === null) expect(result.code).toBe(1);
      else expect(result.stdout).toBe(output);
    }
  });

  it("--out refuses to write through a symbolic link; output from files is sanitized", async () => {
    const repo = seeded();
    repo.save({ id: "x1y2z", title: '"\\e]0;PWNED\\a\\e[2J"', status: "in-progress", owner: "alice", log: [] }, "2026-11-19T11:00:00Z", "alice");
    const target = join(repo.dir, "elsewhere.md");
    writeFileSync(target, "keep me\n");
    symlinkSync(target, join(repo.dir, "link.md"));
    const refused = await repo.tasksAt(["standup", "--out", "link.md"], NOW);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("link.md: it is a symbolic link");
    expect(readFileSync(target, "utf8")).toBe("keep me\n");

    const shown = await repo.tasksAt(["standup"], NOW);
    expect(shown.stdout).toContain("`x1y2z` \\x1b]0;PWNED\\x07\\x1b[2J");
    expect(shown.stdout).not.toContain("\u001b");
  });
});
