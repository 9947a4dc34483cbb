// The bench's repository: N tasks and ~3 commits of history per task, built with
// `git fast-import` deterministically from a seed (scripts/bench.mjs times commands on it).
// Run directly to keep a fixture for profiling:
//   node scripts/bench-generate.mjs --tasks 100000 --out /tmp/tasks-100k [--seed 42] [--granular-days 30]
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { rng } from "./rng.mjs";

export const NOW = "2026-11-20T15:00:00Z";

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

/**
 * Builds the repository with git fast-import: N tasks, ~3 commits each, month folders. With
 * `granularDays`, only the last that many days have one commit per change; each earlier day is one
 * commit of all its changes (as an import or a bulk edit makes), which keeps a 100,000-task
 * fixture to minutes: fast-import writes a month folder's whole tree (thousands of entries) for
 * every commit.
 */
export function generate(dir, taskCount, commitTarget, seed, granularDays) {
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
  const granularFrom = granularDays === undefined ? -Infinity : end - granularDays * 86_400_000;
  const old = events.filter((e) => e.at < granularFrom);
  const recent = events.filter((e) => e.at >= granularFrom);
  // The squashed past: one commit per UTC day with every file that day changed, and one commit
  // of code naming the tasks it closed.
  for (let i = 0; i < old.length; ) {
    const day = new Date(old[i].at).toISOString().slice(0, 10);
    const changed = new Map();
    const closed = [];
    let last = old[i];
    for (; i < old.length && new Date(old[i].at).toISOString().slice(0, 10) === day; i++) {
      old[i].apply(old[i].task);
      changed.set(old[i].task.path, old[i].task);
      if (old[i].action === "done") closed.push(old[i].task.id);
      last = old[i];
    }
    const seconds = Math.floor(last.at / 1000);
    chunks.push(Buffer.from(`commit refs/heads/main\nmark :${++mark}\nauthor ${last.who} <${last.who}@example.com> ${seconds} +0000\ncommitter ${last.who} <${last.who}@example.com> ${seconds} +0000\n`));
    data(`tasks: changes of ${day} (${changed.size} tasks)\n`);
    chunks.push(Buffer.from(`from :${mark - 1}\n`));
    for (const [path, task] of changed) {
      chunks.push(Buffer.from(`M 100644 inline ${path}\n`));
      data(render(task));
    }
    if (closed.length > 0) {
      chunks.push(Buffer.from(`commit refs/heads/main\nmark :${++mark}\nauthor ${last.who} <${last.who}@example.com> ${seconds} +0000\ncommitter ${last.who} <${last.who}@example.com> ${seconds} +0000\n`));
      data(`Work of ${day}\n\n${closed.map((id) => `Closes: ${id}`).join("\n")}\n`);
      chunks.push(Buffer.from(`from :${mark - 1}\nM 100644 inline src/${day}.txt\n`));
      data(`${mark}\n`);
    }
  }
  for (const event of recent) {
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
  return { commits: mark, ids: tasks.map((t) => t.id), openIds: tasks.filter((t) => t.fields.status !== "done").map((t) => t.id), tasks };
}

/** The same tasks in Backlog.md's layout (backlog/tasks/task-N - Title.md), committed in a repo. */
export function writeBacklogCopy(dir, tasks) {
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


if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? fallback : process.argv[i + 1];
  };
  const out = arg("--out");
  if (!out) throw new Error("usage: node scripts/bench-generate.mjs --tasks N --out DIR [--seed 42] [--commits N] [--granular-days N]");
  mkdirSync(out, { recursive: true });
  const commits = arg("--commits");
  const started = Date.now();
  const granular = arg("--granular-days");
  const result = generate(out, Number(arg("--tasks", "10000")), commits === undefined ? undefined : Number(commits), Number(arg("--seed", "42")), granular === undefined ? undefined : Number(granular));
  process.stderr.write(`generated ${result.ids.length} tasks, ${result.commits} commits in ${((Date.now() - started) / 1000).toFixed(1)} s at ${out}\n`);
}
