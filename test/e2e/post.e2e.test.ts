import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRemoteWithClones, openRepo, seedTask, type TestRepo } from "../helpers/repo.js";
import { makeTeamRepo, ROSTER } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

/** A real webhook receiver on 127.0.0.1: it records each body and answers with `status(n)`. */
const servers: Server[] = [];
async function receiver(status: (n: number) => number = () => 200): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => (body += c));
    req.on("end", () => {
      bodies.push(JSON.parse(body));
      res.writeHead(status(bodies.length)).end(status(bodies.length) === 200 ? "ok" : "broken");
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/SECRETtoken123`, bodies };
}
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const HOSTILE = "Fix <!channel> @everyone <@U123> [x](javascript:alert(1))";
const MONDAY = "2026-11-23T09:30:00Z";

function teamWithTask() {
  const repo = makeTeamRepo();
  repo.save({ id: "k7m2q", title: HOSTILE, status: "in-progress", owner: "alice", log: ["2026-11-20 10:00 +01:00 alice: claimed"] }, "2026-11-20T09:00:00Z", "alice");
  return repo;
}

describe("tasks standup --post", () => {
  it("posts each target's native payload, once; a rerun posts nothing new and --force posts again", async () => {
    const slack = await receiver();
    const discord = await receiver();
    const repo = teamWithTask();
    const env = { TASKS_SLACK_WEBHOOK_URL: slack.url, TASKS_DISCORD_WEBHOOK_URL: discord.url };
    const args = ["standup", "--post", "slack", "--post", "discord"];
    const run = (extra: string[] = []) => repo.tasks(extra.length ? [...args, ...extra] : args, { env: { ...env, TASKS_NOW: MONDAY } });

    const first = await run();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("## Standup · Mon 23 Nov 2026");
    expect(slack.bodies).toHaveLength(1);
    expect(discord.bodies).toHaveLength(1);
    const slackText = JSON.stringify(slack.bodies[0]);
    expect(slackText).toContain('"type":"header"');
    expect(slackText).toContain("&lt;!channel&gt;");
    expect(slackText).not.toContain("<!channel>");
    const message = discord.bodies[0] as { content: string; allowed_mentions: unknown };
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.content).not.toMatch(/\]\(javascript/);

    const again = await run();
    expect(again.code).toBe(0);
    expect(slack.bodies).toHaveLength(1);
    expect(again.stderr).toContain("slack: the standup for alice on 2026-11-23 was already posted");

    const forced = await run(["--force"]);
    expect(forced.code).toBe(0);
    expect(slack.bodies).toHaveLength(2);
    for (const out of [first, again, forced]) expect(out.stdout + out.stderr).not.toContain("SECRET");
  });

  it("a rerun of the job in a fresh clone posts nothing new: the record travels with origin", async () => {
    const slack = await receiver();
    const { clones } = makeRemoteWithClones(2);
    const [ci1, ci2] = clones as [NonNullable<(typeof clones)[0]>, NonNullable<(typeof clones)[1]>];
    ci1.write(".tasks/config.yml", ROSTER);
    seedTask(ci1, { id: "k7m2q", title: "Ship", status: "in-progress", owner: "alice" });
    ci1.commit("seed", { date: "2026-11-20T09:00:00Z" });
    ci1.git(["push", "-q"]);
    ci2.git(["pull", "-q"]);
    const env = { TASKS_SLACK_WEBHOOK_URL: slack.url, TASKS_NOW: MONDAY };
    expect((await ci1.tasks(["standup", "--owner", "alice", "--post", "slack"], { env })).code).toBe(0);
    expect(slack.bodies).toHaveLength(1);
    const rerun = await ci2.tasks(["standup", "--owner", "alice", "--post", "slack"], { env });
    expect(rerun.code).toBe(0);
    expect(slack.bodies).toHaveLength(1);
    expect(rerun.stderr).toContain("already posted");
    // The branch gained no commit: the record is a ref of its own.
    expect(ci2.git(["log", "--oneline", "origin/main"]).trim().split("\n")).toHaveLength(2);
  });

  it("a failed post is one line naming the target, never the URL; the note is still printed; exit 1", async () => {
    const broken = await receiver(() => 400);
    const repo = teamWithTask();
    const result = await repo.tasks(["standup", "--post", "slack", "--post", "teams"], { env: { TASKS_SLACK_WEBHOOK_URL: broken.url, TASKS_NOW: MONDAY } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("## Standup");
    expect(result.stderr).toContain("error: slack: the post failed: the webhook answered 400 Bad Request: broken");
    expect(result.stderr).toContain("error: teams: TASKS_TEAMS_WEBHOOK_URL is not set");
    expect(result.stderr).not.toMatch(/SECRET|127\.0\.0\.1/);
  });

  it("--dry-run prints the exact payloads and sends nothing", async () => {
    const slack = await receiver();
    const repo = teamWithTask();
    const result = await repo.tasks(["standup", "--post", "teams", "--dry-run"], { env: { TASKS_TEAMS_WEBHOOK_URL: slack.url, TASKS_NOW: MONDAY } });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { kind: string; posts: { target: string; payloads: { attachments: { content: { type: string } }[] }[] }[] };
    expect(doc.kind).toBe("post-dry-run");
    expect(doc.posts[0]?.target).toBe("teams");
    expect(doc.posts[0]?.payloads[0]?.attachments[0]?.content.type).toBe("AdaptiveCard");
    expect(slack.bodies).toHaveLength(0);
    expect(result.stdout).not.toContain("SECRET");
  });

  it("an unknown target is a usage error", async () => {
    const repo = teamWithTask();
    const result = await repo.tasks(["standup", "--post", "irc"], { env: { TASKS_NOW: MONDAY } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--post irc: no such target");
  });
});

describe("check and report weekly --post", () => {
  it("check posts its findings to a generic webhook and keeps its own exit code", async () => {
    const hook = await receiver();
    const repo = makeTeamRepo();
    repo.save({ id: "own01", title: "Nobody has this", status: "in-progress", log: [] }, "2026-11-20T09:00:00Z", "alice");
    const result = await repo.tasks(["check", "--post", "webhook"], { env: { TASKS_WEBHOOK_URL: hook.url, TASKS_NOW: MONDAY } });
    expect(result.code).toBe(3);
    const body = hook.bodies[0] as { kind: string; ritual: string; markdown: string; data: { findings: { rule: string }[] } };
    expect(body.kind).toBe("tasks-note");
    expect(body.ritual).toBe("check");
    expect(body.markdown).toContain("## tasks check");
    expect(body.data.findings.map((f) => f.rule)).toContain("ownerless");
  });

  it("report weekly posts once a week per target", async () => {
    const chat = await receiver();
    const repo = teamWithTask();
    const env = { TASKS_GOOGLE_CHAT_WEBHOOK_URL: chat.url, TASKS_NOW: "2026-11-27T15:00:00Z" };
    expect((await repo.tasks(["report", "weekly", "--post", "google-chat"], { env })).code).toBe(0);
    expect((await repo.tasks(["report", "weekly", "--post", "google-chat"], { env })).code).toBe(0);
    expect(chat.bodies).toHaveLength(1);
    expect(JSON.stringify(chat.bodies[0])).toContain('"cardsV2"');
  });
});

describe("on each person's clock", () => {
  it("standup --due-now posts the standups of exactly the people whose day just started", async () => {
    const slack = await receiver();
    const repo = teamWithTask();
    // Monday 08:30 UTC: Alice's 09:00 in Berlin was 30 minutes ago; Chitra's (Kolkata) was 5 hours ago; Bob's (New York) is to come.
    const env = { TASKS_SLACK_WEBHOOK_URL: slack.url, TASKS_NOW: "2026-11-23T08:30:00Z" };
    const result = await repo.tasks(["standup", "--due-now", "--post", "slack"], { env });
    expect(result.code).toBe(0);
    expect(slack.bodies).toHaveLength(1);
    expect(result.stdout).toContain("### Alice Ng (alice)");
    expect(result.stdout).not.toContain("Bob Okafor");
    const json = await repo.tasks(["--json", "standup", "--due-now", "--interval", "360"], { env });
    expect((JSON.parse(json.stdout) as { people: string[] }).people).toEqual(["alice", "chitra"]);
    const saturday = await repo.tasks(["standup", "--due-now", "--post", "slack"], { env: { ...env, TASKS_NOW: "2026-11-28T08:30:00Z" } });
    expect(saturday.code).toBe(0);
    expect(saturday.stdout).toBe("");
    expect(slack.bodies).toHaveLength(1);
  });

  it("schedule github prints a cron line for every distinct start, both offsets around summer time", async () => {
    const repo = teamWithTask();
    const result = await repo.tasks(["schedule", "github"], { env: { TASKS_NOW: "2026-11-23T08:30:00Z" } });
    expect(result.code).toBe(0);
    for (const line of ['- cron: "30 3 * * 1,2,3,4,5" # chitra (Asia/Kolkata 09:00)', '- cron: "0 7 * * 1,2,3,4,5" # alice (Europe/Berlin 09:00)', '- cron: "0 8 * * 1,2,3,4,5" # alice', '- cron: "0 13 * * 1,2,3,4,5" # bob', '- cron: "0 14 * * 1,2,3,4,5" # bob']) {
      expect(result.stdout).toContain(line);
    }
  });
});

describe("post: in .tasks/config.yml", () => {
  it("may name another variable per target; a URL written there is a check finding and is never used or printed", async () => {
    const slack = await receiver();
    const repo = teamWithTask();
    repo.write(".tasks/config.yml", `${ROSTER}post:\n  slack: TEAM_SLACK_HOOK\n  timeout: 5\n`);
    repo.git(["commit", "-qam", "post settings"]);
    const named = await repo.tasks(["standup", "--post", "slack"], { env: { TEAM_SLACK_HOOK: slack.url, TASKS_NOW: MONDAY } });
    expect(named.stderr).toBe("");
    expect(named.code).toBe(0);
    expect(slack.bodies).toHaveLength(1);

    const literal = "https://hooks.slack.com/services/T000/B000/LEAKEDsecret";
    repo.write(".tasks/config.yml", `${ROSTER}post:\n  slack: ${literal}\n`);
    const check = await repo.tasks(["check", "--rule", "webhook-url"], { env: { TASKS_NOW: MONDAY } });
    expect(check.code).toBe(3);
    // One line: the file, the setting's line (post: follows the 14-line roster), the field, the fix.
    expect(check.stdout).toContain(`.tasks/config.yml:${ROSTER.split("\n").length + 1}: error webhook-url: post.slack holds a webhook URL`);
    expect(check.stdout).toContain("TASKS_SLACK_WEBHOOK_URL");
    const refused = await repo.tasks(["standup", "--post", "slack", "--force"], { env: { TASKS_NOW: MONDAY } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("error: slack: .tasks/config.yml post.slack holds a URL");
    for (const out of [check, refused]) expect(out.stdout + out.stderr).not.toContain("LEAKED");
  });
});

describe("the post record from fresh CI clones (refs/tasks/posted on a real bare upstream)", () => {
  function upstreamWithTeam() {
    const remote = makeRemoteWithClones(1);
    const seed = remote.clones[0] as NonNullable<(typeof remote.clones)[0]>;
    seed.write(".tasks/config.yml", ROSTER);
    seedTask(seed, { id: "k7m2q", title: "Ship", status: "in-progress", owner: "alice" });
    seedTask(seed, { id: "p3x9t", title: "Review", status: "in-progress", owner: "bob" });
    seed.commit("seed", { date: "2026-11-20T09:00:00Z" });
    seed.git(["push", "-q"]);
    // What actions/checkout gives: a clone of the branch, without refs/tasks/*.
    const freshClone = (): TestRepo => {
      const dir = mkdtempSync(join(tmpdir(), "tasks-ci-"));
      rmSync(dir, { recursive: true, force: true });
      execFileSync("git", ["clone", "-q", "--single-branch", "--no-tags", remote.dir, dir], { env: seed.env, stdio: "pipe" });
      const repo = openRepo(dir, seed.env, () => rmSync(dir, { recursive: true, force: true }));
      onTestFinished(() => repo.remove());
      expect(repo.git(["for-each-ref", "refs/tasks"]).trim()).toBe("");
      return repo;
    };
    const remoteKeys = (): string[] => {
      const text = execFileSync("git", ["cat-file", "blob", "refs/tasks/posted:posted"], { cwd: remote.dir, env: seed.env, encoding: "utf8" });
      return text.split("\n").filter(Boolean).map((l) => l.split("\t")[0] ?? "");
    };
    return { seed, freshClone, remoteKeys };
  }

  it("two scheduled runs, each in a fresh clone, post once in total", async () => {
    const slack = await receiver();
    const { freshClone, remoteKeys } = upstreamWithTeam();
    const env = { TASKS_SLACK_WEBHOOK_URL: slack.url, TASKS_NOW: MONDAY };
    const first = await freshClone().tasks(["standup", "--owner", "alice", "--post", "slack"], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain("warning");
    const second = await freshClone().tasks(["standup", "--owner", "alice", "--post", "slack"], { env });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("already posted");
    expect(slack.bodies).toHaveLength(1);
    expect(remoteKeys()).toEqual(["standup/alice/2026-11-23/slack"]);
  });

  it("a push that loses the race to another run merges that run's record and retries; both posts are kept", async () => {
    const { freshClone, remoteKeys } = upstreamWithTeam();
    // While this run's post is in flight, another run pushes its own record to the upstream.
    const other = freshClone();
    const slack = await receiver((n) => {
      if (n === 1) {
        const blob = other.git(["hash-object", "-w", "--stdin"], { input: "standup/bob/2026-11-23/slack\t2026-11-23T09:31:00.000Z\n" }).trim();
        const tree = other.git(["mktree"], { input: `100644 blob ${blob}\tposted\n` }).trim();
        const commit = other.git(["commit-tree", tree, "-m", "tasks: posted 1"]).trim();
        other.git(["push", "-q", "origin", `${commit}:refs/tasks/posted`]);
      }
      return 200;
    });
    const run = await freshClone().tasks(["standup", "--owner", "alice", "--post", "slack"], { env: { TASKS_SLACK_WEBHOOK_URL: slack.url, TASKS_NOW: MONDAY } });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("could not be pushed");
    expect(remoteKeys()).toEqual(["standup/alice/2026-11-23/slack", "standup/bob/2026-11-23/slack"]);
  });

  it("tasks sync carries the record: a post made offline is merged with the upstream's, not put over it", async () => {
    const slack = await receiver();
    const { freshClone, remoteKeys } = upstreamWithTeam();
    const env = { TASKS_SLACK_WEBHOOK_URL: slack.url, TASKS_NOW: MONDAY };
    expect((await freshClone().tasks(["standup", "--owner", "alice", "--post", "slack"], { env })).code).toBe(0);
    // Another clone posts bob's standup while the upstream cannot be reached: recorded here only.
    const laptop = freshClone();
    const url = laptop.git(["remote", "get-url", "origin"]).trim();
    laptop.git(["remote", "set-url", "origin", join(tmpdir(), "no-such-upstream.git")]);
    const offline = await laptop.tasks(["standup", "--owner", "bob", "--post", "slack"], { env });
    expect(offline.code).toBe(0);
    expect(offline.stderr).toContain("only this clone's record");
    expect(remoteKeys()).toEqual(["standup/alice/2026-11-23/slack"]);
    laptop.git(["remote", "set-url", "origin", url]);
    const synced = await laptop.tasks(["sync"], { env });
    expect(synced.code).toBe(0);
    expect(synced.stderr).not.toContain("warning");
    expect(remoteKeys()).toEqual(["standup/alice/2026-11-23/slack", "standup/bob/2026-11-23/slack"]);
    // A later run in a fresh clone knows both.
    const rerun = await freshClone().tasks(["standup", "--owner", "bob", "--post", "slack"], { env });
    expect(rerun.stderr).toContain("already posted");
    expect(slack.bodies).toHaveLength(2);
  });
});

describe("tasks handoff --due-now", () => {
  it("at the end of a person's day posts the notes of what they handed off --to next that day, once", async () => {
    const slack = await receiver();
    const repo = teamWithTask();
    repo.save({ id: "p3x9t", title: "Handed by name", status: "in-progress", owner: "alice", log: [] }, "2026-11-20T09:00:00Z", "alice");
    // Monday 15:00 in Berlin: alice hands k7m2q on to whoever starts next (bob), p3x9t to bob by name.
    const during = { TASKS_NOW: "2026-11-23T14:00:00Z", GIT_AUTHOR_DATE: "2026-11-23T14:00:00Z", GIT_COMMITTER_DATE: "2026-11-23T14:00:00Z" };
    expect((await repo.tasks(["handoff", "k7m2q", "--to", "next", "--note", "deploy half done"], { env: during })).code).toBe(0);
    expect(repo.git(["log", "-1", "--format=%B"])).toContain("Task-Handoff-Rule: next");
    expect((await repo.tasks(["handoff", "p3x9t", "--to", "bob"], { env: during })).code).toBe(0);
    // Her day ends at 17:00 Berlin (16:00 UTC); the job runs at 16:20.
    const env = { TASKS_SLACK_WEBHOOK_URL: slack.url, TASKS_NOW: "2026-11-23T16:20:00Z" };
    const job = await repo.tasks(["handoff", "--due-now", "--post", "slack", "--json"], { env });
    expect(job.code).toBe(0);
    const doc = JSON.parse(job.stdout) as { kind: string; people: string[]; handoffs: { kind: string; to: { handle: string }; tasks: { id: string }[] }[] };
    expect(doc.kind).toBe("handoff-due-now");
    expect(doc.people).toEqual(["alice"]);
    expect(doc.handoffs.flatMap((h) => h.tasks.map((t) => t.id))).toEqual(["k7m2q"]);
    expect(slack.bodies).toHaveLength(1);
    const text = JSON.stringify(slack.bodies[0]);
    expect(text).toContain("k7m2q");
    expect(text).not.toContain("p3x9t");
    expect(text).toContain("&lt;!channel&gt;");
    // A rerun of the job posts nothing new; an hour before her day's end nobody is due.
    expect((await repo.tasks(["handoff", "--due-now", "--post", "slack"], { env })).stderr).toContain("already posted");
    expect((await repo.tasks(["handoff", "--due-now", "--post", "slack"], { env: { ...env, TASKS_NOW: "2026-11-23T15:00:00Z" } })).code).toBe(0);
    expect(slack.bodies).toHaveLength(1);
    // The branch gained no commit from the job.
    expect(repo.git(["log", "-1", "--format=%s"])).toContain("handoff p3x9t");
  });

  it("--due-now takes no ids, --mine or --to; handoff without --to is a usage error", async () => {
    const repo = teamWithTask();
    expect((await repo.tasks(["handoff", "--due-now", "--to", "bob"], { env: { TASKS_NOW: MONDAY } })).code).toBe(2);
    const missing = await repo.tasks(["handoff", "k7m2q"], { env: { TASKS_NOW: MONDAY } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--to <who>' not specified");
  });
});
