#!/usr/bin/env node
// npm run bench — builds a repository with N tasks and ~3 commits of history per task (with
// `git fast-import`, deterministically from a seed), then times each read command and a write
// beside the floors (node start, reading the files, one git log), prints a table and writes
// bench/results.json. Timings are printed, never asserted.
//
//   npm run bench                          10,000 tasks
//   npm run bench -- --tasks 1000,10000,100000   the scaling line (from 50,000 tasks the history
//                                           older than 30 days is one commit per day: --granular-days)
//   npm run bench -- --tasks 2000 --commits 9000 --runs 3 --seed 7 --keep
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumRender } from "./bench-browser.mjs";
import { generate, writeBacklogCopy } from "./bench-generate.mjs";
import { mcpRows } from "./bench-mcp.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "tasks.cjs");
const PROBE = join(ROOT, "scripts", "bench-rss-probe.mjs");
import { NOW } from "./bench-generate.mjs";

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
    else if (arg === "--repo") options.repo = value();
    else if (arg === "--granular-days") options.granularDays = Number(value());
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run bench -- [--tasks 10000[,100000]] [--commits N] [--runs 5] [--seed 42] [--keep] [--compare] [--repo DIR]");
      console.log("  --compare  also time Backlog.md (installed from npm into bench/.peers on first use) on the same tasks");
      console.log("  --repo DIR time a repository kept before (node scripts/bench-generate.mjs --tasks N --out DIR) instead of generating one; the changes commit in it");
      console.log("  --granular-days N  one commit per change only for the last N days, one per day before (default: 30 from 50,000 tasks up, else all)");
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (options.tasks.some((n) => !Number.isInteger(n) || n < 10)) throw new Error("--tasks takes whole numbers >= 10");
  if (options.repo && (options.compare || options.tasks.length > 1)) throw new Error("--repo times one repository, without --compare");
  return options;
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

/** What benchSize needs of a repository generated before (--repo): its ids, the open ones, its commits. */
function kept(dir) {
  const files = execFileSync("git", ["ls-files", "--", "tasks"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 }).trim().split("\n");
  const idOf = (f) => /\/([^/-]+)-[^/]*\.md$/.exec(f)?.[1];
  const ids = files.map(idOf).filter(Boolean);
  const openIds = files.filter((f) => !/^status: done$/m.test(readFileSync(join(dir, f), "utf8"))).map(idOf).filter(Boolean);
  const commits = Number(execFileSync("git", ["rev-list", "--count", "HEAD"], { cwd: dir, encoding: "utf8" }).trim());
  return { commits, ids, openIds, tasks: [] };
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
  const dir = options.repo ?? mkdtempSync(join(tmpdir(), `tasks-bench-${taskCount}-`));
  const scratch = mkdtempSync(join(tmpdir(), "tasks-bench-scratch-"));
  const started = Date.now();
  const commitTarget = options.commits ?? undefined;
  const { commits, ids, openIds, tasks: generated } = options.repo ? kept(options.repo) : generate(dir, taskCount, commitTarget, options.seed, options.granularDays ?? (taskCount >= 50_000 ? 30 : undefined));
  if (options.repo) taskCount = ids.length;
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
  if (!options.keep && !options.repo) rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  return { tasks: taskCount, commits, generateSeconds: genSeconds, rows, dashboard, repository: options.keep ? dir : null };
}

// The issue's absolute targets (issue 17): reads at 10k and 100k tasks, and peak memory.
const READ_TARGETS = { "tasks list": [350, 1000], "tasks board": [350, 1000], "tasks next": [350, 1000], "tasks check": [null, 1500], "tasks standup --team": [null, 1500], "tasks report weekly": [null, 1500] };

function targetText(row, tasks) {
  const parts = [];
  if (row.target) parts.push(`≤ ${row.target}× floor: ${row.median <= row.target * row.floor ? "met" : "missed"}`);
  const limits = READ_TARGETS[row.label];
  const limit = limits && (tasks >= 100_000 ? limits[1] : tasks >= 10_000 && tasks < 100_000 ? limits[0] : null);
  if (limit) parts.push(`≤ ${limit} ms: ${row.median <= limit ? "met" : "missed"}`);
  if (tasks >= 100_000 && row.peakMb !== null && !row.isFloor && !row.peer) parts.push(`≤ 200 MB: ${row.peakMb <= 200 ? "met" : "missed"}`);
  return parts.length ? `   ${parts.join("; ")}` : "";
}

function table(result) {
  const lines = [`\n${result.tasks.toLocaleString("en")} tasks, ${result.commits.toLocaleString("en")} commits`];
  lines.push("command                                median      min      max   peak MB   floor   × floor   target");
  for (const row of result.rows) {
    const ratio = row.floor ? (row.median / row.floor).toFixed(1) : "";
    lines.push(
      `${row.label.padEnd(36)} ${row.median.toFixed(0).padStart(6)} ms ${row.min.toFixed(0).padStart(6)} ${row.max.toFixed(0).padStart(8)} ${(row.peakMb === null ? "" : row.peakMb.toFixed(0)).padStart(9)} ${(row.floor ? row.floor.toFixed(0) : "").padStart(7)} ${ratio.padStart(9)}${targetText(row, result.tasks)}`,
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
