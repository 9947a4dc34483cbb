#!/usr/bin/env node
// npm run bench — builds a repository with N tasks and ~3 commits of history per task (with
// `git fast-import`, deterministically from a seed), then times each read command and a write
// beside the floors (node start, reading the files, one git log), prints a table and writes
// bench/results.json. Timings are printed, never asserted.
//
//   npm run bench                          10,000 tasks
//   npm run bench -- --tasks 1000,10000,100000   the scaling line
//   npm run bench -- --tasks 2000 --commits 9000 --runs 3 --seed 7 --keep
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumRender } from "./bench-browser.mjs";
import { mcpRows } from "./bench-mcp.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "tasks.cjs");
const PROBE = join(ROOT, "scripts", "bench-rss-probe.mjs");
const NOW = "2026-11-20T15:00:00Z";

function parseArgs(argv) {
  const options = { tasks: [10_000], commits: undefined, runs: 5, seed: 42, keep: false, compare: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--tasks") options.tasks = value().split(",").map((n) => Number(n.replace(/_/g, "")));
    else if (arg === "--commits") options.commits = Number(value());
    else if (arg === "--runs") options.runs = Number(value());
    else if (arg === "--seed") options.seed = Number(value());
    else if (arg === "--keep") options.keep = true;
    else if (arg === "--compare") options.compare = true;
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run bench -- [--tasks 10000[,100000]] [--commits N] [--runs 5] [--seed 42] [--keep] [--compare]");
      console.log("  --compare  also time Backlog.md (installed from npm into bench/.peers on first use) on the same tasks");
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (options.tasks.some((n) => !Number.isInteger(n) || n < 10)) throw new Error("--tasks takes whole numbers >= 10");
  return options;
}

// mulberry32: a small deterministic PRNG, so the same seed builds the same repository.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = [
  ["alice", "Europe/Berlin"], ["bob", "America/New_York"], ["chen", "Asia/Kolkata"], ["dana", "America/Los_Angeles"],
  ["emeka", "Africa/Lagos"], ["fatima", "Asia/Dubai"], ["gus", "Australia/Sydney"], ["hana", "Asia/Tokyo"],
  ["ivan", "Europe/Warsaw"], ["jo", "Europe/London"], ["kai", "Pacific/Auckland"], ["lena", "America/Sao_Paulo"],
];
const WORDS = "login timeout cache retry queue schema billing export import search index report webhook token session audit upload sync mobile api docs runbook alert metric deploy rollback flag migration backup restore latency".split(" ");
const LABELS = ["auth", "backend", "frontend", "infra", "docs", "security", "billing", "mobile", "data", "ops"];
const GOALS = ["q4-reliability", "q1-growth", "onboarding", "cost-down", null, null];
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

function configYaml() {
  const team = PEOPLE.map(([h, z]) => `  ${h}:\n    name: ${h[0].toUpperCase()}${h.slice(1)}\n    email: ${h}@example.com\n    timezone: ${z}\n`).join("");
  return `tasks-folder: tasks\ntimezone: UTC\nteam:\n${team}`;
}

function iso(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}
function stamp(ms) {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " +00:00";
}

/** Builds the repository with git fast-import: N tasks, ~3 commits each, month folders. */
function generate(dir, taskCount, commitTarget, seed) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const end = Date.parse(NOW) - 3_600_000;
  const span = 730 * 86_400_000; // two years of history
  const ids = new Set();
  const tasks = [];
  for (let i = 0; i < taskCount; i++) {
    let id;
    do id = Array.from({ length: 5 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join("");
    while (ids.has(id) || !/[a-df-z]/.test(id));
    ids.add(id);
    const created = end - span + Math.floor(random() * span);
    const title = `${pick(WORDS)[0].toUpperCase()}${pick(WORDS).slice(1)} ${pick(WORDS)} ${pick(WORDS)} for ${pick(WORDS)}`;
    const owner = pick(PEOPLE)[0];
    const month = new Date(created).toISOString().slice(0, 7);
    const path = `tasks/${month}/${id}-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.md`;
    const due = new Date(created + Math.floor(random() * 40 + 3) * 86_400_000).toISOString().slice(0, 10);
    const fields = {
      id, title, status: "todo", owner: null, due, priority: pick(["low", "normal", "high", "urgent"]),
      labels: [pick(LABELS), pick(LABELS)].filter((v, j, a) => a.indexOf(v) === j), goal: pick(GOALS), created: iso(created),
      dod: ["Tests cover the change", `The ${pick(WORDS)} runbook is updated`, "Reviewed by a teammate"].slice(0, 1 + Math.floor(random() * 3)),
    };
    const log = [`- ${stamp(created)} ${owner}: created`];
    const body = `\nUsers see the ${pick(WORDS)} ${pick(WORDS)} fail when the ${pick(WORDS)} is slow. See https://example.com/issues/${i}.\n\n## Log\n`;
    const steps = [];
    const claimAt = created + Math.floor(random() * 5 * 86_400_000);
    steps.push({ at: claimAt, who: owner, action: "claim", apply: (t) => { t.fields.owner = owner; t.fields.status = "in-progress"; t.log.push(`- ${stamp(claimAt)} ${owner}: claimed`); } });
    const closeAt = claimAt + Math.floor(random() * 20 * 86_400_000);
    const r = random();
    if (r < 0.6) steps.push({ at: closeAt, who: owner, action: "done", apply: (t) => { t.fields.status = "done"; t.log.push(`- ${stamp(closeAt)} ${owner}: done`); } });
    else if (r < 0.7) steps.push({ at: closeAt, who: owner, action: "block", apply: (t) => { t.fields.status = "blocked"; t.log.push(`- ${stamp(closeAt)} ${owner}: blocked: waiting for ${pick(WORDS)}`); } });
    else steps.push({ at: closeAt, who: pick(PEOPLE)[0], action: "comment", apply: (t) => { t.log.push(`- ${stamp(closeAt)} ${owner}: looked at the ${pick(WORDS)} again`); } });
    tasks.push({ id, title, path, created, owner, fields, log, body, steps });
  }
  const events = [];
  for (const task of tasks) {
    events.push({ at: task.created, task, who: task.owner, action: "new", apply: () => {} });
    for (const step of task.steps) if (step.at < end) events.push({ ...step, task });
  }
  // Extra comment commits (or fewer steps) to reach the requested number of commits.
  while (commitTarget !== undefined && events.length < commitTarget) {
    const task = tasks[Math.floor(random() * tasks.length)];
    const at = task.created + Math.floor(random() * (end - task.created));
    const who = pick(PEOPLE)[0];
    events.push({ at, task, who, action: "comment", apply: (t) => t.log.push(`- ${stamp(at)} ${who}: note ${events.length}`) });
  }
  events.sort((a, b) => a.at - b.at || (a.action === "new" ? -1 : 1));
  if (commitTarget !== undefined && events.length > commitTarget) {
    const keep = new Set(events.filter((e) => e.action === "new"));
    const rest = events.filter((e) => e.action !== "new").slice(0, Math.max(0, commitTarget - keep.size));
    rest.forEach((e) => keep.add(e));
    events.splice(0, events.length, ...events.filter((e) => keep.has(e)));
  }

  const render = (t) => {
    const f = t.fields;
    const lines = [`id: ${f.id}`, `title: ${f.title}`, `status: ${f.status}`];
    if (f.owner) lines.push(`owner: ${f.owner}`);
    lines.push(`due: ${f.due}`, `priority: ${f.priority}`, `labels: [${f.labels.join(", ")}]`);
    if (f.goal) lines.push(`goal: ${f.goal}`);
    lines.push(`created: ${f.created}`, "definition-of-done:", ...f.dod.map((d) => `  - ${d}`));
    return `---\n${lines.join("\n")}\n---\n${t.body}${t.log.join("\n")}\n`;
  };
  const chunks = [];
  const data = (text) => {
    const bytes = Buffer.from(text, "utf8");
    chunks.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from("\n"));
  };
  const config = configYaml();
  chunks.push(Buffer.from(`commit refs/heads/main\nmark :1\ncommitter Setup <setup@example.com> ${Math.floor((end - span - 86_400_000) / 1000)} +0000\n`));
  data("tasks: init\n");
  chunks.push(Buffer.from("M 100644 inline .tasks/config.yml\n"));
  data(config);
  let mark = 1;
  for (const event of events) {
    event.apply(event.task);
    const seconds = Math.floor(event.at / 1000);
    const who = event.who;
    chunks.push(Buffer.from(`commit refs/heads/main\nmark :${++mark}\nauthor ${who} <${who}@example.com> ${seconds} +0000\ncommitter ${who} <${who}@example.com> ${seconds} +0000\n`));
    data(`tasks: ${event.action} ${event.task.id} ${event.task.title}\n\nTask-Id: ${event.task.id}\nTask-Action: ${event.action}\n`);
    chunks.push(Buffer.from(`from :${mark - 1}\nM 100644 inline ${event.task.path}\n`));
    data(render(event.task));
    // Code linked to the task (docs/code-links.md): a commit with a Task: trailer for every
    // completion (Closes:) and every fourth other change, so show, log and the reports read links.
    if (event.action === "done" || mark % 4 === 0) {
      chunks.push(Buffer.from(`commit refs/heads/main\nmark :${++mark}\nauthor ${who} <${who}@example.com> ${seconds} +0000\ncommitter ${who} <${who}@example.com> ${seconds} +0000\n`));
      data(`Work on ${event.task.id}\n\n${event.action === "done" ? "Closes" : "Task"}: ${event.task.id}\n`);
      chunks.push(Buffer.from(`from :${mark - 1}\nM 100644 inline src/${event.task.id}.txt\n`));
      data(`${mark}\n`);
    }
  }
  chunks.push(Buffer.from("done\n"));
  const git = (args, input) => execFileSync("git", args, { cwd: dir, input, stdio: ["pipe", "pipe", "inherit"], maxBuffer: 1 << 30 });
  git(["init", "-q", "-b", "main"]);
  git(["config", "user.name", "Bench"]);
  git(["config", "user.email", "alice@example.com"]);
  git(["config", "gc.auto", "0"]);
  git(["fast-import", "--quiet", "--done"], Buffer.concat(chunks));
  git(["checkout", "-q", "-f", "main"]);
  return { commits: events.length + 1, ids: tasks.map((t) => t.id), openIds: tasks.filter((t) => t.fields.status !== "done").map((t) => t.id), tasks };
}

const BACKLOG_VERSION = "1.52.0";

/** Backlog.md, installed once from the npm registry into bench/.peers (ignored by git). */
function backlogBinary() {
  const dir = join(ROOT, "bench", ".peers");
  const bin = join(dir, "node_modules", ".bin", "backlog");
  try {
    if (execFileSync(bin, ["--version"], { encoding: "utf8" }).trim() === BACKLOG_VERSION) return bin;
  } catch {
    // not installed yet
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
  process.stderr.write(`installing backlog.md@${BACKLOG_VERSION} into bench/.peers for --compare…\n`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", `backlog.md@${BACKLOG_VERSION}`], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  return bin;
}

/** The same tasks in Backlog.md's layout (backlog/tasks/task-N - Title.md), committed in a repo. */
function writeBacklogCopy(dir, tasks) {
  const status = { todo: "To Do", "in-progress": "In Progress", blocked: "In Progress", done: "Done" };
  mkdirSync(join(dir, "backlog", "tasks"), { recursive: true });
  writeFileSync(
    join(dir, "backlog", "config.yml"),
    'project_name: "bench"\ndefault_status: "To Do"\nstatuses: ["To Do", "In Progress", "Done"]\nlabels: []\ndate_format: yyyy-mm-dd\nauto_commit: false\nremote_operations: false\ncheck_active_branches: false\ntask_prefix: "task"\n',
  );
  tasks.forEach((t, i) => {
    const f = t.fields;
    const name = `task-${i + 1} - ${t.title.replace(/[^A-Za-z0-9]+/g, "-")}.md`;
    const lines = [`id: TASK-${i + 1}`, `title: ${f.title}`, `status: ${status[f.status] ?? "To Do"}`, `assignee:${f.owner ? `\n  - '@${f.owner}'` : " []"}`, `created_date: '${f.created.slice(0, 16).replace("T", " ")}'`, `labels: [${f.labels.join(", ")}]`, "dependencies: []", `priority: ${f.priority === "urgent" ? "high" : f.priority === "normal" ? "medium" : f.priority}`];
    writeFileSync(join(dir, "backlog", "tasks", name), `---\n${lines.join("\n")}\n---\n\n## Description\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\n${t.body.split("\n")[1] ?? ""}\n<!-- SECTION:DESCRIPTION:END -->\n`);
  });
  const git = (args) => execFileSync("git", args, { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  git(["init", "-q", "-b", "main"]);
  git(["add", "-A"]);
  git(["-c", "user.name=Bench", "-c", "user.email=b@example.com", "commit", "-q", "-m", "backlog"]);
}

function env() {
  const home = mkdtempSync(join(tmpdir(), "tasks-bench-home-"));
  writeFileSync(join(home, ".gitconfig"), "");
  return { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: join(home, ".gitconfig"), TZ: "UTC", NO_COLOR: "1", TASKS_NOW: NOW, LANG: "C.UTF-8" };
}

function timeOnce(command, args, options) {
  return new Promise((resolve, reject) => {
    const rssFile = join(options.scratch, `rss-${Math.random().toString(36).slice(2)}`);
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: { ...options.env, BENCH_RSS_FILE: rssFile }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.resume();
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let rssMb = null;
      try {
        rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
        rmSync(rssFile);
      } catch {
        // no probe output: the process died before exit; time is still measured
      }
      if (code !== 0 && !options.allowFail) reject(new Error(`${[command, ...args].join(" ")} exited ${code}: ${stderr.slice(0, 400)}`));
      else resolve({ ms, rssMb });
    });
  });
}

async function measure(label, command, args, options, runs) {
  // One run first that is not counted: it fills the parse cache under .git/ and the OS file
  // cache, so the figures are the steady state a team sees from its second command on.
  if (options.warm !== false && typeof args !== "function") await timeOnce(command, args, options);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await timeOnce(command, typeof args === "function" ? args(i) : args, options));
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssMb).filter((v) => v !== null);
  return { label, median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1], peakMb: rss.length ? Math.max(...rss) : null };
}

function helpLists(command) {
  const help = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" }).stdout;
  return new RegExp(`^\\s+${command}\\b`, "m").test(help);
}

async function benchSize(taskCount, options) {
  const dir = mkdtempSync(join(tmpdir(), `tasks-bench-${taskCount}-`));
  const scratch = mkdtempSync(join(tmpdir(), "tasks-bench-scratch-"));
  const started = Date.now();
  const commitTarget = options.commits ?? undefined;
  const { commits, ids, openIds, tasks: generated } = generate(dir, taskCount, commitTarget, options.seed);
  const genSeconds = (Date.now() - started) / 1000;
  process.stderr.write(`generated ${taskCount} tasks, ${commits} commits in ${genSeconds.toFixed(1)} s at ${dir}\n`);
  const base = { cwd: dir, env: env(), scratch };
  const tasks = (args) => [process.execPath, ["--import", PROBE, BIN, ...args]];
  const rows = [];
  const run = async (label, argv, floor, runs = options.runs, allowFail = false) => {
    const [cmd, args] = typeof argv === "function" ? [process.execPath, (i) => ["--import", PROBE, BIN, ...argv(i)]] : tasks(argv);
    const result = await measure(label, cmd, args, { ...base, allowFail }, runs);
    rows.push({ ...result, floor });
    process.stderr.write(`  ${label}: ${result.median.toFixed(0)} ms\n`);
  };
  const floors = {};
  const floor = async (name, command, args) => {
    const r = await measure(name, command, args, base, options.runs);
    floors[name] = r.median;
    rows.push({ ...r, floor: null, isFloor: true });
  };
  await floor("floor: node -e 0", process.execPath, ["-e", "0"]);
  await floor("floor: read all task files", "sh", ["-c", "find tasks -name '*.md' -print0 | xargs -0 cat > /dev/null"]);
  await floor("floor: git log --name-only (all)", "git", ["log", "--name-only", "--format=%H", "--", "tasks"]);
  await floor("floor: git log --since 8 days", "git", ["log", "--name-only", "--format=%H", "--since=2026-11-12T00:00:00Z", "--", "tasks"]);
  const showId = ids[Math.floor(ids.length / 2)];
  const showPath = execFileSync("git", ["ls-files", "--", "tasks"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 })
    .split("\n")
    .find((p) => p.includes(`/${showId}-`));
  await floor("floor: git log of one task file", "git", ["log", "--format=%H", "--", showPath ?? "tasks"]);
  const start = floors["floor: node -e 0"];
  const readFloor = start + floors["floor: read all task files"];
  const historyFloor = readFloor + floors["floor: git log --since 8 days"];
  await run("tasks --version", ["--version"], start);
  await run("tasks --help", ["--help"], start);
  await run("tasks list", ["list"], readFloor);
  // A fresh clone in CI has no parse cache: every run here starts without one.
  const cold = await measure("tasks list (no parse cache)", "sh", ["-c", 'rm -rf .git/tasks-cache && exec "$0" "$@"', process.execPath, "--import", PROBE, BIN, "list"], { ...base, warm: false }, options.runs);
  rows.push({ ...cold, floor: readFloor });
  await run("tasks list --all --json", ["list", "--all", "--json"], readFloor);
  if (options.compare) {
    const peerDir = mkdtempSync(join(tmpdir(), `tasks-bench-backlog-${taskCount}-`));
    writeBacklogCopy(peerDir, generated);
    const bin = backlogBinary();
    const result = await measure("Backlog.md: backlog task list --plain", bin, ["task", "list", "--plain"], { cwd: peerDir, env: { ...base.env, CI: "1" }, scratch }, Math.min(options.runs, 3));
    rows.push({ ...result, floor: readFloor, peer: true });
    process.stderr.write(`  Backlog.md task list --plain: ${result.median.toFixed(0)} ms\n`);
    if (!options.keep) rmSync(peerDir, { recursive: true, force: true });
  }
  await run("tasks list --overdue --sort due", ["list", "--overdue", "--sort", "due"], readFloor);
  await run("tasks board", ["board"], readFloor);
  await run("tasks show <id>", ["show", showId], start + floors["floor: git log of one task file"]);
  // check exits 3 when it finds errors, which a generated repository has (overdue, stale…).
  if (helpLists("check")) await run("tasks check", ["check"], historyFloor, options.runs, true);
  if (helpLists("standup")) await run("tasks standup --team", ["standup", "--team"], historyFloor);
  // A teammate's template that doubles a string in a capture: it must fail (exit 1) at the memory
  // limit; the figure worth watching is its peak MB, not its time.
  if (helpLists("standup")) {
    const hostile = join(scratch, "capture-doubling.md");
    writeFileSync(hostile, "{% capture s %}ab{% endcapture %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s.size }}\n");
    await run("tasks standup, doubling template", ["standup", "--team", "--template", hostile], historyFloor, Math.min(options.runs, 3), true);
  }
  if (helpLists("report")) await run("tasks report weekly", ["report", "weekly"], historyFloor);
  let dashboard = null;
  if (helpLists("dashboard")) {
    // The issue's bar: within 3× of report weekly for one week (the floor column here), under 3 MB.
    const weekly = rows.find((r) => r.label === "tasks report weekly")?.median ?? null;
    const page = join(scratch, "dashboard.html");
    await run("tasks dashboard (8 weeks)", ["dashboard", "--out", page], weekly);
    const bytes = statSync(page).size;
    process.stderr.write(`  dashboard file: ${(bytes / 1e6).toFixed(2)} MB\n`);
    dashboard = { bytes, ...(await chromiumRender(page, options.runs)) };
  }
  if (helpLists("next")) await run("tasks next", ["next"], readFloor);
  if (helpLists("mcp")) rows.push(...(await mcpRows(BIN, base, rows, options.runs)));
  // The floor of a write is git's own commit of one file (each run a different file).
  const files = execFileSync("git", ["ls-files", "--", "tasks"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 }).trim().split("\n");
  await floor("floor: git commit --only of one file", "sh", ["-c", 'f="$1"; printf "\n" >> "$f"; git -c user.name=b -c user.email=b@example.com commit -q --only -m bench -- "$f"', "sh", files[files.length - 1] ?? ""]);
  // The floor of a change: what the same git work costs by hand, node's start plus the commit.
  const changeFloor = start + floors["floor: git commit --only of one file"];
  rows.push({ label: "floor: node start + git commit", median: changeFloor, min: changeFloor, max: changeFloor, peakMb: null, floor: null, isFloor: true });
  // Changes: each run changes a different open task (so every run really commits). Target: ≤ 2×
  // the floor at any size (a change reads one file, not the folder).
  const changes = [
    ["tasks claim <id> (+ commit)", (id) => ["claim", id, "--force"]],
    ["tasks claim --offline <id>", (id) => ["claim", id, "--offline", "--force"]],
    ["tasks start <id>", (id) => ["start", id]],
    ["tasks comment <id> <text>", (id) => ["comment", id, "bench note"]],
    ["tasks done <id> --yes", (id) => ["done", id, "--yes"]],
  ];
  let next = 0;
  for (const [label, argv] of changes) {
    const ids = openIds.slice(next, next + options.runs);
    next += options.runs;
    await run(label, (i) => argv(ids[i % ids.length]), changeFloor, ids.length);
    rows[rows.length - 1].target = 2;
  }
  await run("tasks new <title>", (i) => ["new", `Bench task ${i}`], changeFloor, options.runs);
  rows[rows.length - 1].target = 2;
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  return { tasks: taskCount, commits, generateSeconds: genSeconds, rows, dashboard, repository: options.keep ? dir : null };
}

function table(result) {
  const lines = [`\n${result.tasks.toLocaleString("en")} tasks, ${result.commits.toLocaleString("en")} commits`];
  lines.push("command                                median      min      max   peak MB   floor   × floor   target");
  for (const row of result.rows) {
    const ratio = row.floor ? (row.median / row.floor).toFixed(1) : "";
    lines.push(
      `${row.label.padEnd(36)} ${row.median.toFixed(0).padStart(6)} ms ${row.min.toFixed(0).padStart(6)} ${row.max.toFixed(0).padStart(8)} ${(row.peakMb === null ? "" : row.peakMb.toFixed(0)).padStart(9)} ${(row.floor ? row.floor.toFixed(0) : "").padStart(7)} ${ratio.padStart(9)}${row.target ? `   ≤ ${row.target}× floor: ${row.median <= row.target * row.floor ? "met" : "missed"}` : ""}`,
    );
  }
  const d = result.dashboard;
  if (d) {
    lines.push(`dashboard page: ${(d.bytes / 1e6).toFixed(2)} MB (bar: 3 MB); "floor" of tasks dashboard is report weekly (bar: 3×)`);
    lines.push(`dashboard in Chromium from file://: ${d.renderMs === null ? "not measured (no Chromium)" : `load event at ${d.renderMs.toFixed(0)} ms, first contentful paint at ${d.paintMs?.toFixed(0) ?? "?"} ms (a one-line page: ${d.floorMs?.toFixed(0) ?? "?"} ms; bar: 1 s)`}`);
  }
  return lines.join("\n");
}

const options = parseArgs(process.argv.slice(2));
const results = [];
for (const size of options.tasks) results.push(await benchSize(size, options));
for (const result of results) console.log(table(result));
if (results.length > 1) {
  console.log("\nscaling (median ms per 1,000 tasks):");
  const labels = results[0].rows.filter((r) => !r.isFloor).map((r) => r.label);
  for (const label of labels) {
    const cells = results.map((res) => {
      const row = res.rows.find((r) => r.label === label);
      return row ? `${((row.median / res.tasks) * 1000).toFixed(1).padStart(8)} @${res.tasks}` : "";
    });
    console.log(`${label.padEnd(36)} ${cells.join("  ")}`);
  }
}
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), platform: process.platform };
mkdirSync(join(ROOT, "bench"), { recursive: true });
writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify({ date: new Date().toISOString(), machine, options, results }, null, 2)}\n`);
console.log(`\nmachine: ${machine.cpu}, ${machine.cpus} cores, ${machine.memoryGb} GiB, Node ${machine.node}; results in bench/results.json`);
