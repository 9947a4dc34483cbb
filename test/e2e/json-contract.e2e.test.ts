import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { assertBuilt, type CliResult, PROJECT_ROOT } from "../helpers/cli.js";
import { TEST_ROOT } from "../helpers/env.js";
import { type JsonDocument, validateJson } from "../helpers/json-contract.js";
import { makeRemoteWithClones, makeRepo, type TestRepo, taskFile, writeConfig } from "../helpers/repo.js";
import { commandsFromHelp } from "../helpers/help-commands.js";

beforeAll(assertBuilt);

/**
 * The --json contract (docs/json.md): in a realistic repository, every command's real `--json`
 * output validates against its published schema (schema/<kind>.json) with Ajv in strict mode, and
 * the objects are closed, so a field the schema does not name fails here. Every command in
 * `tasks --help` is either run below or listed as printing no JSON, so a new command cannot ship
 * `--json` without a schema.
 */

/** Commands whose output is not a JSON document, and why. */
const NO_JSON: Readonly<Record<string, string>> = {
  completion: "prints a shell script",
  "merge-driver": "run by git, prints nothing",
  help: "prints help",
  mcp: "speaks the Model Context Protocol on stdio; each tool answers with one of these kinds (test/e2e/mcp.e2e.test.ts checks them)",
};

const WEEK = ["2026-11-16T09:00:00Z", "2026-11-16T15:00:00Z", "2026-11-17T10:00:00Z", "2026-11-18T11:00:00Z", "2026-11-19T14:00:00Z", "2026-11-20T09:30:00Z"] as const;
const NOW = "2026-11-20T10:00:00Z";

function editorScript(): string {
  const dir = mkdtempSync(join(TEST_ROOT, "tasks-editor-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "editor.sh");
  writeFileSync(path, `#!/bin/sh\nprintf '\\nEdited in the contract test.\\n' >> "$1"\n`);
  chmodSync(path, 0o755);
  return path;
}

interface Run {
  readonly args: readonly string[];
  readonly result: CliResult;
  /** Where the document is: stdout, or stderr for a command that must fail here. */
  readonly on: "stdout" | "stderr";
}

/** Runs the CLI at a pinned moment (clock and commit dates), collecting each --json document. */
function recorder(repo: TestRepo) {
  const runs: Run[] = [];
  const run = async (args: readonly string[], at: string = NOW, env: Record<string, string> = {}): Promise<unknown> => {
    const result = await repo.tasks(args, { env: { TASKS_NOW: at, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at, ...env } });
    runs.push({ args, result, on: "stdout" });
    expect(result.code, `tasks ${args.join(" ")}: ${result.stderr}`).toBeLessThan(4);
    return JSON.parse(result.stdout) as unknown;
  };
  /** A command that cannot succeed here (edit needs a terminal): its error document is checked. */
  const fail = async (args: readonly string[], env: Record<string, string> = {}): Promise<void> => {
    const result = await repo.tasks(args, { env: { TASKS_NOW: NOW, ...env } });
    runs.push({ args, result, on: "stderr" });
    expect(result.code, result.stderr).toBeGreaterThan(0);
  };
  return { runs, run, fail };
}

const ID = /^[0-9a-z][0-9a-z_-]*$/;
const idOf = (doc: unknown): string => {
  const id = (doc as { task: { id: string } }).task.id;
  expect(id).toMatch(ID);
  return id;
};

describe("the --json contract", () => {
  it("every command's --json output validates against its schema, and every command is covered", async () => {
    const [repo] = makeRemoteWithClones(1).clones as [TestRepo];
    const { runs, run, fail } = recorder(repo);

    await run(["init", "--json"], WEEK[0]);
    writeConfig(repo);
    // A file the team wrote by hand: an empty labels line (YAML null), a key of their own.
    repo.write("tasks/2026-11/hand0-written-by-hand.md", taskFile({ id: "hand0", title: "Written by hand", status: "todo", labels: null, "x-estimate": "3d" }));
    repo.commit("roster and a hand-written task", { date: WEEK[0] });
    repo.git(["push", "-q"]);

    const ids: string[] = [];
    const make = async (title: string, extra: readonly string[], at: string) => ids.push(idOf(await run(["new", title, "--json", ...extra], at)));
    await make("Fix login timeout", ["--owner", "alice", "--due", "2026-11-18", "--priority", "high", "--label", "auth,backend", "--dod", "Timeout raised", "--dod", "Runbook updated", "--goal", "q4-reliability"], WEEK[0]);
    await make("Rotate API keys", ["--owner", "bob", "--due", "2026-11-25T17:00:00-05:00", "--reviewer", "alice", "--dod", "Keys rotated"], WEEK[0]);
    await make("Write the failover runbook", ["--dod", "Reviewed by ops", "--goal", "q4-reliability"], WEEK[1]);
    await make("Drop the legacy exporter", ["--owner", "kiri"], WEEK[1]);
    await make("Migrate the queue", ["--owner", "alice", "--due", "2026-11-19", "--depends-on", ids[0] as string], WEEK[1]);
    await make("Ownerless and overdue", ["--due", "2026-11-10"], WEEK[1]);
    const [login, keys, runbook, legacy, queue] = ids as [string, string, string, string, string, string];

    await run(["claim", runbook, "--json"], WEEK[2]);
    await run(["start", login, "--json"], WEEK[2]);
    await run(["comment", login, "raised to 30 s behind a flag", "--json"], WEEK[2]);
    await run(["renew", login, "--json"], WEEK[2]);
    await run(["dod", login, "--met", "1", "--json"], WEEK[2]);
    await run(["dod", login, "--json"], WEEK[2]);
    await run(["review", login, "--reviewer", "bob", "--json"], WEEK[3]);
    const bob = { GIT_AUTHOR_NAME: "Bob Okafor", GIT_AUTHOR_EMAIL: "bob@example.com", GIT_COMMITTER_NAME: "Bob Okafor", GIT_COMMITTER_EMAIL: "bob@example.com" };
    await run(["approve", login, "--comment", "looks right", "--json"], WEEK[3], bob);
    await run(["done", login, "--yes", "--json"], WEEK[3]);
    await run(["reopen", login, "--json"], WEEK[3]);
    await run(["status", keys, "review", "--json"], WEEK[3]);
    await run(["request-changes", keys, "--reason", "rotate the staging keys too", "--json"], WEEK[3]);
    await run(["block", queue, "--reason", "waiting on the vendor", "--json"], WEEK[3]);
    await run(["unblock", queue, "--json"], WEEK[3]);
    await run(["block", queue, "--reason", "waiting on the vendor again", "--json"], WEEK[4]);
    await run(["assign", keys, "bob", "--json"], WEEK[4]);
    await run(["unassign", legacy, "--json"], WEEK[4]);
    await run(["drop", legacy, "--json"], WEEK[4]);
    await run(["set", keys, "priority=urgent", "--json"], WEEK[4]);
    // Without a terminal, edit refuses (its success is the task-change every edit prints).
    await fail(["edit", keys, "--json"], { EDITOR: editorScript() });
    await run(["handoff", runbook, "--to", "bob", "--note", "ops review pending", "--json"], WEEK[5]);
    await run(["sync", "--json"], WEEK[5]);
    // Time off in the roster: bob is away for the rest of the run (team, standup, next show it).
    await run(["team", "away", "bob", "2026-11-16..2026-12-31", "--note", "parental leave", "--json"], WEEK[5]);

    // Two tasks that share an id, as after a merge of two offline clones.
    repo.write("tasks/2026-11/dup22-first-copy.md", taskFile({ id: "dup22", title: "First copy", status: "todo" }));
    repo.commit("one clone", { date: WEEK[4] });
    repo.write("tasks/2026-11/dup22-second-copy.md", taskFile({ id: "dup22", title: "Second copy", status: "todo" }));
    repo.commit("the other clone", { date: WEEK[5] });
    await run(["check", "--json"]);
    await run(["check", "--format", "json"]);
    await run(["renumber", "dup22", "--json"]);
    await run(["resume", "--json"]);
    await run(["import", "backlog", join(PROJECT_ROOT, "test", "fixtures", "backlog-md", "basic"), "--json"], WEEK[5]);

    // A file that is not a task: reported in `problems`, the rest keeps working.
    repo.write("tasks/2026-11/brok1-broken.md", "---\nid: brok1\ntitle: [unclosed\n---\n");
    await run(["list", "--json"]);
    await run(["ls", "--all", "--json"]);
    // Code linked to a task (docs/code-links.md): show and log list it.
    repo.write("src/login.ts", "export const timeout = 30;\n");
    repo.commit(`Raise the login timeout\n\nTask: ${login}\nCloses: ${login}`, { date: WEEK[5] });
    await run(["link", login, "https://github.com/acme/app/pull/12", "--json"], WEEK[5]);
    await run(["show", login, "--json"]);
    await run(["show", "hand0", "--json"]);
    await run(["board", "--json"]);
    await run(["log", login, "--json"]);
    await run(["standup", "--team", "--json"]);
    await run(["report", "weekly", "--week", "2026-W47", "--json"]);
    await run(["team", "--json"]);
    await run(["next", "--all", "--explain", "--json"]);
    await run(["next", "--claim", "--json"]);
    await run(["dashboard", "--json"]);
    await run(["schedule", "github", "--json"]);
    await run(["standup", "--due-now", "--interval", "1440", "--json"]);
    await run(["handoff", "--due-now", "--interval", "1440", "--json"]);
    await run(["report", "weekly", "--post", "slack", "--dry-run", "--json"]);
    await run(["export", "--format", "json", "--label", "auth"]);
    await run(["hook", "install", "--json"]);
    await run(["hook", "status", "--json"]);
    await run(["hook", "uninstall", "--json"]);

    const documents: JsonDocument[] = runs.map(({ args, result, on }) => {
      const value = JSON.parse(result[on]) as { kind?: unknown };
      return { label: `tasks ${args.join(" ")}`, kind: on === "stderr" ? "error" : String(value.kind), value };
    });
    const validation = await validateJson(documents);
    expect(validation.compileErrors).toEqual({});
    expect(validation.results.filter((r) => r.errors.length > 0)).toEqual([]);

    // Every kind the contract publishes is printed by some command here; no schema goes untested.
    const printed = new Set(documents.map((d) => d.kind));
    expect(validation.kinds.filter((kind) => kind !== "error" && !printed.has(kind))).toEqual([]);

    // Every command in `tasks --help` was run with --json above, or prints no JSON document.
    const help = await repo.tasks(["--help"]);
    const run0 = new Set(runs.map((r) => r.args[0]));
    const uncovered = commandsFromHelp(help.stdout).filter((command) => !run0.has(command) && NO_JSON[command] === undefined);
    expect(uncovered, "commands whose --json output no contract test validates (add a run above and a schema in src/render/json-schemas/)").toEqual([]);

    const shown = documents.find((d) => d.kind === "task" && (d.value as { task: { id: string } }).task.id === login)?.value as { links: { commits: unknown[] } };
    expect(shown.links.commits).toHaveLength(1);

    // The test can fail: a field the schema does not name, anywhere in a closed object, is drift.
    const list = documents.find((d) => d.kind === "task-list") as JsonDocument;
    const board = documents.find((d) => d.kind === "board") as { value: { columns: Record<string, unknown>[] } } & JsonDocument;
    const drifted = await validateJson([
      { label: "top level", kind: "task-list", value: { ...(list.value as object), total: 3 } },
      { label: "nested", kind: "board", value: { ...board.value, columns: [{ ...board.value.columns[0], extra: true }] } },
      { label: "missing", kind: "task-list", value: { ...(list.value as object), problems: undefined } },
    ]);
    expect(drifted.results.map((r) => r.errors.length > 0)).toEqual([true, true, true]);
  }, 300_000);

  it("an error under --json is one JSON line on stderr, nothing on stdout, with the error's exit code", async () => {
    const repo = makeRepo();
    writeConfig(repo);
    await repo.tasks(["init"]);
    const failures = [
      { args: ["show", "zzzzz", "--json"], code: 1, error: "TASK_NOT_FOUND" },
      { args: ["--json", "list", "--no-such-option"], code: 2, error: "USAGE" },
      { args: ["new", "--json"], code: 2, error: "NOT_INTERACTIVE" },
    ];
    const documents: JsonDocument[] = [];
    for (const failure of failures) {
      const result = await repo.tasks(failure.args);
      expect(result.stdout).toBe("");
      expect(result.stderr.endsWith("\n") && result.stderr.indexOf("\n") === result.stderr.length - 1, result.stderr).toBe(true);
      const value = JSON.parse(result.stderr) as { error: { code: string } };
      expect({ code: result.code, error: value.error.code }).toEqual({ code: failure.code, error: failure.error });
      documents.push({ label: `tasks ${failure.args.join(" ")}`, kind: "error", value });
    }
    const validation = await validateJson(documents);
    expect(validation.results.filter((r) => r.errors.length > 0)).toEqual([]);
  });
});
