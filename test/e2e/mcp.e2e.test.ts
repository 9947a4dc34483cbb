import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt, cliArgv } from "../helpers/cli.js";
import { validateJson } from "../helpers/json-contract.js";
import { makeRepo, type TestRepo } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * `tasks mcp`, driven by the official SDK's own client over stdio, as an agent client drives it:
 * the server is the built CLI, spawned with code generation off like every e2e run. The client
 * validates each tool's structured answer against the output schema the server declares
 * (schema/<kind>.json's own schema); the answers are validated again by Ajv in strict mode.
 */

const TOOL_NAMES = ["list", "show", "next", "log", "standup", "handoff_note", "weekly_report", "check", "team", "new", "claim", "claim_next", "renew", "start", "review", "approve", "request_changes", "block", "unblock", "comment", "set", "dod", "done", "handoff"];

async function connect(repo: TestRepo, args: readonly string[] = ["mcp"], cwd = repo.dir): Promise<{ client: Client; stderr: () => string }> {
  const [command, ...rest] = cliArgv(args) as [string, ...string[]];
  const transport = new StdioClientTransport({ command, args: rest, cwd, env: repo.env, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  // The workers forbid code generation, so the client validates with the SDK's no-eval validator.
  const client = new Client({ name: "git-tasks-test", version: "1.0.0" }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  await client.connect(transport);
  onTestFinished(() => client.close());
  return { client, stderr: () => stderr };
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function ok(result: CallToolResult): Record<string, unknown> {
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  expect(result.structuredContent).toBeDefined();
  // The text block is the same document, for clients that read text only.
  const first = result.content[0];
  expect(first?.type === "text" ? JSON.parse(first.text) : null).toEqual(result.structuredContent);
  return result.structuredContent as Record<string, unknown>;
}

function failure(result: CallToolResult): { code: string; message: string; hint: string | null; details?: Record<string, unknown> } {
  expect(result.isError).toBe(true);
  const first = result.content[0];
  if (first?.type !== "text") throw new Error("an error result carries a text block");
  return (JSON.parse(first.text) as { error: { code: string; message: string; hint: string | null } }).error;
}

function seeded(): TestRepo {
  const repo = makeRepo();
  repo.write(
    ".tasks/config.yml",
    "team:\n  alice:\n    email: alice@example.com\n    timezone: Europe/Berlin\n  bob:\n    email: bob@example.com\n    timezone: America/New_York\n",
  );
  repo.write(
    "tasks/2026-11/k7m2q-fix-login.md",
    "---\nid: k7m2q\ntitle: Fix login on hotel Wi-Fi\nstatus: todo\npriority: high\ncreated: 2026-11-02T09:00:00Z\ndefinition-of-done:\n  - the redirect loop is gone\n  - a test covers it\n---\nCaptive portals strip the cookie.\n",
  );
  repo.write("tasks/2026-11/p3x9t-rotate-keys.md", "---\nid: p3x9t\ntitle: Rotate the signing keys\nstatus: todo\nowner: bob\ncreated: 2026-11-03T09:00:00Z\n---\n");
  repo.commit("tasks: seed", { date: "2026-11-04T09:00:00Z" });
  return repo;
}

const head = (repo: TestRepo) => repo.git(["rev-parse", "HEAD"]).trim();

describe("tasks mcp", () => {
  it("lists every tool with an input and an output schema, and the read tools answer with the commands' JSON", async () => {
    const repo = seeded();
    const { client } = await connect(repo);
    expect(client.getServerVersion()?.name).toBe("git-tasks");
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOL_NAMES);
    for (const t of tools) {
      expect(t.inputSchema.type, t.name).toBe("object");
      expect(t.outputSchema?.type, t.name).toBe("object");
      expect(t.annotations?.readOnlyHint, t.name).toBe(!["new", "claim", "claim_next", "renew", "start", "review", "approve", "request_changes", "block", "unblock", "comment", "set", "dod", "done", "handoff"].includes(t.name));
    }

    const list = ok(await call(client, "list", { owner: ["none"] }));
    expect(list).toMatchObject({ kind: "task-list", count: 1 });
    expect((list.tasks as { id: string }[]).map((t) => t.id)).toEqual(["k7m2q"]);
    // The same document the CLI prints.
    expect(list).toEqual(JSON.parse((await repo.tasks(["list", "--owner", "none", "--json"])).stdout));

    const next = ok(await call(client, "next", { all: true }));
    expect((next.tasks as { task: { id: string } }[]).map((t) => t.task.id)).toEqual(["k7m2q"]);
    expect((next.excluded as { task: { id: string } }[]).map((t) => t.task.id)).toEqual(["p3x9t"]);

    const documents = [];
    for (const [name, args] of [
      ["show", { id: "k7" }],
      ["log", { id: "k7m2q" }],
      ["standup", { team: true }],
      ["handoff_note", { ids: ["k7m2q"], to: "bob" }],
      ["weekly_report", {}],
      ["check", {}],
      ["team", {}],
    ] as const) {
      const value = ok(await call(client, name, args));
      documents.push({ label: name, kind: String(value.kind), value });
    }
    expect(documents.map((d) => d.kind)).toEqual(["task", "task-log", "standup", "handoff", "weekly", "check", "team"]);
    const validation = await validateJson([...documents, { label: "list", kind: "task-list", value: list }, { label: "next", kind: "next", value: next }]);
    expect(validation.results.filter((r) => r.errors.length > 0)).toEqual([]);
    // Reading changed nothing: the preview of a handoff is only a preview.
    expect(repo.git(["status", "--porcelain"])).toBe("");
    expect(repo.git(["rev-list", "--count", "HEAD"]).trim()).toBe("2");
  });

  it("changes go through the commands: one commit each, the same messages, the definition-of-done gate", async () => {
    const repo = seeded();
    const { client } = await connect(repo);

    const created = ok(await call(client, "new", { title: "Write the runbook", owner: "alice", definitionOfDone: ["reviewed by ops"], labels: ["ops"] }));
    const id = (created.task as { id: string }).id;
    expect(repo.git(["log", "-1", "--format=%s|%ae"]).trim()).toBe(`tasks: new ${id} Write the runbook|alice@example.com`);

    ok(await call(client, "claim", { id: "k7m2q" }));
    expect(repo.git(["log", "-1", "--format=%s"]).trim()).toBe("tasks: claim k7m2q Fix login on hotel Wi-Fi");
    ok(await call(client, "comment", { id: "k7m2q", text: "Reproduced behind a captive portal" }));
    expect(ok(await call(client, "renew", { id: "k7m2q" }))).toMatchObject({ action: "renew", changed: true });
    ok(await call(client, "block", { id: "k7m2q", reason: "waiting for the portal vendor" }));
    ok(await call(client, "unblock", { id: "k7m2q" }));
    ok(await call(client, "set", { id: "k7m2q", assignments: ["labels+=auth"] }));

    const before = head(repo);
    const refused = failure(await call(client, "done", { id: "k7m2q" }));
    expect(refused.code).toBe("DOD_NOT_MET");
    expect(refused.details).toEqual({ unconfirmed: ["the redirect loop is gone", "a test covers it"] });
    expect(head(repo)).toBe(before);

    expect(ok(await call(client, "dod", { id: "k7m2q", met: ["1", "2"] }))).toMatchObject({ kind: "dod", changed: true });
    const done = ok(await call(client, "done", { id: "k7m2q" }));
    expect(done).toMatchObject({ kind: "task-change", action: "done", changed: true, task: { status: "done" } });

    // Review, enforced: only the reviewer answers, and done waits for their approval.
    expect(ok(await call(client, "review", { id, reviewer: "bob" }))).toMatchObject({ action: "review", task: { status: "review", reviewer: "bob" } });
    expect(failure(await call(client, "approve", { id })).code).toBe("NOT_THE_REVIEWER");
    expect(failure(await call(client, "request_changes", { id, reason: "needs a test" })).code).toBe("NOT_THE_REVIEWER");
    expect(failure(await call(client, "done", { id }))).toMatchObject({ code: "REVIEW_REQUIRED", details: { mustApprove: "bob" } });

    const forced = ok(await call(client, "done", { id, overrideReason: "ops signed off on the call" }));
    expect(forced).toMatchObject({ changed: true, task: { status: "done" } });
    expect(repo.read(`tasks/${repo.git(["ls-files", "tasks"]).split("\n").find((p) => p.includes(id))?.slice("tasks/".length) ?? ""}`)).toContain("ops signed off on the call");

    // new, claim, comment, renew, block, unblock, set, dod, done, review, done: eleven commits, nothing left over.
    expect(repo.git(["rev-list", "--count", "HEAD"]).trim()).toBe("13");
    expect(repo.git(["status", "--porcelain"])).toBe("");
    const subjects = repo.git(["log", "--format=%s", "-10"]).trim().split("\n");
    expect(subjects.every((s) => s.startsWith("tasks: "))).toBe(true);
  });

  it("claim_next claims the first workable task, and a claim by someone else is refused with its code", async () => {
    const repo = seeded();
    const { client } = await connect(repo);
    const claimed = ok(await call(client, "claim_next"));
    expect(claimed).toMatchObject({ kind: "next", claim: { claimed: { changed: true, task: { id: "k7m2q", owner: "alice" } } } });
    const theirs = failure(await call(client, "claim", { id: "p3x9t" }));
    expect(theirs.code).toBe("ALREADY_CLAIMED");
    expect(theirs.message).toContain("bob");
  });

  it("hostile arguments are refused with a stable code and change nothing", async () => {
    const repo = seeded();
    writeFileSync(join(repo.dir, "..", `${repo.dir.split("/").pop() ?? ""}-outside.md`), "---\nid: zzzzz\ntitle: outside\nstatus: todo\n---\n");
    const { client } = await connect(repo);
    const before = head(repo);
    const cases: [string, Record<string, unknown>, string][] = [
      ["show", { id: "../../etc/passwd" }, "TASK_NOT_FOUND"],
      ["show", { id: "zzzzz" }, "TASK_NOT_FOUND"],
      ["comment", { id: "../k7m2q", text: "x" }, "TASK_NOT_FOUND"],
      ["show", { id: 42 }, "USAGE"],
      ["show", {}, "USAGE"],
      ["show", { id: "k7m2q", path: "/etc/passwd" }, "USAGE"],
      ["comment", { id: "k7m2q", text: "x".repeat(100_001) }, "USAGE"],
      ["new", { title: "a".repeat(1_001) }, "USAGE"],
      ["new", { title: "ok", labels: "not-a-list" }, "USAGE"],
      ["list", { sort: "rm -rf" }, "USAGE"],
      ["set", { id: "k7m2q", assignments: [] }, "USAGE"],
      ["set", { id: "k7m2q", assignments: ["id=../../x"] }, "INVALID_VALUE"],
      ["done", { id: "k7m2q", overrideReason: "" }, "USAGE"],
    ];
    for (const [name, args, code] of cases) {
      const error = failure(await call(client, name, args));
      expect(error.code, `${name} ${JSON.stringify(args).slice(0, 80)}`).toBe(code);
      expect(error.message.length).toBeLessThan(500);
    }
    await expect(client.callTool({ name: "rm", arguments: {} })).rejects.toThrow(/no tool named rm/);
    expect(head(repo)).toBe(before);
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });

  it("serves tasks and the roster as resources", async () => {
    const repo = seeded();
    const { client } = await connect(repo);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(["roster://team", "task://k7m2q", "task://p3x9t"]);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(["task://{id}"]);
    const task = await client.readResource({ uri: "task://k7m2q" });
    const first = task.contents[0];
    expect(first && "text" in first ? JSON.parse(first.text) : null).toMatchObject({ kind: "task", task: { id: "k7m2q", title: "Fix login on hotel Wi-Fi" } });
    const roster = await client.readResource({ uri: "roster://team" });
    const team = roster.contents[0];
    expect(team && "text" in team ? (JSON.parse(team.text) as { members: { handle: string }[] }).members.map((m) => m.handle) : null).toEqual(["alice", "bob"]);
    await expect(client.readResource({ uri: "task://nope" })).rejects.toMatchObject({ code: -32002, data: { code: "TASK_NOT_FOUND" } });
    await expect(client.readResource({ uri: "file:///etc/passwd" })).rejects.toMatchObject({ code: -32002 });
  });

  it("--cwd serves that repository, and outside a repository the server does not start", async () => {
    const repo = seeded();
    const elsewhere = join(repo.dir, "..", `${repo.dir.split("/").pop() ?? ""}-elsewhere`);
    mkdirSync(elsewhere, { recursive: true });
    onTestFinished(() => void 0);
    const { client } = await connect(repo, ["mcp", "--cwd", repo.dir], elsewhere);
    expect(ok(await call(client, "show", { id: "p3x9t" }))).toMatchObject({ task: { owner: "bob" } });

    const outside = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const [command, ...rest] = cliArgv(["mcp"]) as [string, ...string[]];
      const child = spawn(command, rest, { cwd: elsewhere, env: repo.env });
      child.stdin.end();
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(outside.code).toBe(1);
    expect(outside.stdout).toBe("");
    expect(outside.stderr).toMatch(/^error: not inside a git repository .*\[NOT_A_GIT_REPO\]\n/);
    expect(outside.stderr).toContain("hint: start tasks mcp inside the repository, or name it: tasks mcp --cwd <path>");
  });

  it("writes nothing but protocol to stdout, and ends when stdin closes, after the call in flight", async () => {
    const repo = seeded();
    const [command, ...rest] = cliArgv(["mcp"]) as [string, ...string[]];
    const child = spawn(command, rest, { cwd: repo.dir, env: repo.env });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    const message = (id: number, method: string, params: unknown) => `${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`;
    child.stdin.write(message(1, "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } }));
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
    // A change, then stdin closes at once: the comment must still land whole.
    child.stdin.write(message(2, "tools/call", { name: "comment", arguments: { id: "k7m2q", text: "last words" } }));
    child.stdin.end();
    expect(await closed).toBe(0);
    const lines = stdout.trim().split("\n");
    const parsed = lines.map((l) => JSON.parse(l) as { jsonrpc: string; id: number; result?: { isError?: boolean } });
    expect(parsed.every((m) => m.jsonrpc === "2.0")).toBe(true);
    expect(parsed.map((m) => m.id)).toEqual([1, 2]);
    expect(parsed[1]?.result?.isError).toBeFalsy();
    expect(repo.git(["log", "-1", "--format=%s"]).trim()).toBe("tasks: comment k7m2q Fix login on hotel Wi-Fi");
    expect(repo.git(["status", "--porcelain"])).toBe("");
  });
});
