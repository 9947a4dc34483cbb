#!/usr/bin/env node
/**
 * `npm run demo`: builds a throwaway repository in the system temp folder with a team of three in
 * three time zones and four weeks of task history, made by running the built CLI as each person at
 * pinned moments, then shows what the tool makes of it (the SHOW_STEPS at the end of this file).
 *
 * Isolated: its own HOME and global git config, no system config, so nothing of yours is read or
 * changed. Non-interactive: CI=1 and no stdin for every step. One CLI call at a time (the tool's
 * lock would serialise parallel calls on one repository anyway). Any failing step stops the demo
 * with a non-zero exit code and says which step it was.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { DEMO_NOW, LOCAL_USER, STORY, TEAM } from "./demo/story.mjs";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = join(ROOT, "bin", "tasks.cjs");
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

class StepFailed extends Error {}

/** The environment every child gets: PATH and terminal settings from you, everything else ours. */
function isolatedEnv(home, ceiling) {
  const env = {};
  for (const key of ["PATH", "Path", "SystemRoot", "TEMP", "TMP", "TMPDIR", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "LANG"]) {
    if (process.env[key] !== undefined) env[key] = process.env[key];
  }
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CEILING_DIRECTORIES: ceiling,
    GIT_TERMINAL_PROMPT: "0",
  };
}

/** A step's local time in its person's zone → an absolute moment, checked against their working week. */
function momentOf(step) {
  const person = TEAM[step.who];
  if (!person) throw new Error(`story: unknown person "${step.who}"`);
  const at = DateTime.fromFormat(step.at, "yyyy-MM-dd HH:mm", { zone: person.timezone });
  if (!at.isValid) throw new Error(`story: "${step.at}" is not yyyy-MM-dd HH:mm`);
  const [start, end] = person.hours.split("-");
  const hhmm = at.toFormat("HH:mm");
  if (!person.days.includes(WEEKDAYS[at.weekday - 1]) || hhmm < start || hhmm >= end) {
    throw new Error(`story: ${step.who} does not work at ${step.at} (${person.timezone}, ${person.days.join(" ")} ${person.hours})`);
  }
  return at;
}

function identityEnv(who, at) {
  const { name, email } = TEAM[who];
  const iso = at.toISO({ suppressMilliseconds: true });
  return {
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: email,
    GIT_AUTHOR_DATE: iso,
    GIT_COMMITTER_DATE: iso,
    TASKS_NOW: iso,
  };
}

function describe(step, index, total) {
  const what = step.args ? `tasks ${step.args.join(" ")}` : `git commit (${step.message})`;
  return `step ${index + 1}/${total}: ${step.who} at ${step.at} ${TEAM[step.who].timezone}: ${what}`;
}

function git(repo, env, args) {
  return execFileSync("git", args, { cwd: repo, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function setUpRepository(repo, env) {
  try {
    initRepository(repo, env);
  } catch (error) {
    throw new StepFailed(`setting up the repository (git init, config, first commit): ${String(error?.message ?? error).trim()}`);
  }
}

function initRepository(repo, env) {
  const { name, email } = TEAM[LOCAL_USER];
  git(repo, env, ["init", "-q", "-b", "main"]);
  for (const [key, value] of [
    ["user.name", name],
    ["user.email", email],
    ["commit.gpgSign", "false"],
    ["core.autocrlf", "false"],
    ["gc.auto", "0"],
    ["maintenance.auto", "false"],
  ]) {
    git(repo, env, ["config", key, value]);
  }
  writeFileSync(join(repo, "README.md"), "# atlas\n\nThe Atlas web app. Tasks live in tasks/; see .tasks/config.yml for the team.\n");
  git(repo, env, ["add", "README.md"]);
  const at = DateTime.fromISO("2026-10-23T15:00:00", { zone: TEAM[LOCAL_USER].timezone });
  git(repo, { ...env, ...identityEnv(LOCAL_USER, at) }, ["commit", "-q", "-m", "Initial commit"]);
}

/** Plays the story. Returns the ids that `new` printed, by the story's keys. */
function playStory(repo, env, onProgress) {
  const ids = new Map();
  const fill = (arg) =>
    arg.replace(/\{([a-z0-9]+)\}/g, (_all, key) => {
      if (!ids.has(key)) throw new Error(`story: {${key}} is used before a step creates it`);
      return ids.get(key);
    });
  let previous;
  STORY.forEach((step, index) => {
    const label = describe(step, index, STORY.length);
    const at = momentOf(step);
    if (previous && at <= previous) throw new Error(`story: ${label} is not later than the step before it`);
    previous = at;
    onProgress(index, label);
    const stepEnv = { ...env, ...identityEnv(step.who, at), CI: "1" };
    if (step.edit) {
      for (const [path, change] of Object.entries(step.edit)) {
        const file = join(repo, path);
        writeFileSync(file, change(existsSync(file) ? readFileSync(file, "utf8") : ""));
        git(repo, stepEnv, ["add", "--", path]);
      }
      git(repo, stepEnv, ["commit", "-q", "-m", step.message]);
      return;
    }
    const result = spawnSync(process.execPath, [BIN, ...step.args.map(fill)], { cwd: repo, env: stepEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (result.status !== 0) {
      throw new StepFailed(`${label}\n  exit code ${result.status ?? result.signal}\n${indent(result.stderr || result.stdout)}`);
    }
    if (result.stderr.trim()) process.stderr.write(`demo: ${label}\n${indent(result.stderr)}\n`);
    if (step.as) {
      const id = result.stdout.trim();
      if (!/^[a-z0-9]{5}$/.test(id)) throw new StepFailed(`${label}\n  expected the new id on stdout, got: ${JSON.stringify(result.stdout)}`);
      ids.set(step.as, id);
    }
  });
  return ids;
}

function indent(text) {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

function progressPrinter() {
  if (!process.stdout.isTTY) return () => undefined;
  return (index, label) => {
    const line = label.length > 100 ? `${label.slice(0, 99)}…` : label;
    process.stdout.write(`\r\x1b[2K${line}`);
    if (index === STORY.length - 1) process.stdout.write("\r\x1b[2K");
  };
}

function heading(title) {
  const rule = "─".repeat(Math.max(4, Math.min(100, process.stdout.columns ?? 80) - title.length - 4));
  return `\n── ${title} ${rule}\n`;
}

function runShowSteps(repo, env, ids) {
  // Steps that change tasks (dod, handoff) commit at the pinned "now" too, as alice.
  const showEnv = { ...env, TASKS_NOW: DEMO_NOW, TZ: TEAM[LOCAL_USER].timezone, GIT_AUTHOR_DATE: DEMO_NOW, GIT_COMMITTER_DATE: DEMO_NOW };
  for (const step of SHOW_STEPS) {
    const args = step.args.map((arg) => arg.replace(/\{([a-z0-9]+)\}/g, (_all, key) => ids.get(key) ?? `{${key}}`));
    process.stdout.write(heading(`${step.title}: tasks ${args.join(" ")}`));
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: repo, env: showEnv, stdio: ["ignore", "inherit", "inherit"] });
    if (!(step.exitCodes ?? [0]).includes(result.status)) throw new StepFailed(`show step "tasks ${args.join(" ")}" exited with ${result.status ?? result.signal}`);
  }
}

function printTeam() {
  const tasks = STORY.filter((s) => s.as).length;
  const zones = new Set(Object.values(TEAM).map((p) => p.timezone)).size;
  process.stdout.write(`git-tasks demo: ${Object.keys(TEAM).length} people in ${zones} time zones, ${tasks} tasks, four weeks of history.\n\n`);
  for (const [handle, p] of Object.entries(TEAM)) {
    process.stdout.write(`  ${handle.padEnd(6)} ${p.name.padEnd(11)} ${p.timezone.padEnd(17)} ${p.days.join(" ")}  ${p.hours}\n`);
  }
}

function printNextSteps(repo, ids) {
  const tasks = `node ${BIN} -C ${repo}`;
  const now = DateTime.fromISO(DEMO_NOW, { zone: TEAM[LOCAL_USER].timezone });
  process.stdout.write(
    [
      "",
      `The demo repository: ${repo}`,
      `There it is ${now.toFormat("cccc d LLLL yyyy, HH:mm")} in ${TEAM[LOCAL_USER].timezone}, and you are ${LOCAL_USER} (its git user.email is ${TEAM[LOCAL_USER].email}).`,
      "Try, with the clock pinned and alice's time zone:",
      `  export TASKS_NOW=${DEMO_NOW} TZ=${TEAM[LOCAL_USER].timezone}`,
      `  ${tasks} list --overdue`,
      `  ${tasks} show ${ids.get("login")}`,
      `  ${tasks} log ${ids.get("schema")}`,
      `  ${tasks} list --mine --json`,
      `  git -C ${repo} log --format='%h %ad %an: %s' --date=iso`,
      `Or run 'npm link' once in ${ROOT}, then: tasks -C ${repo} board (and 'git tasks board' inside it).`,
      `Remove it with: rm -rf ${repo}`,
      "",
    ].join("\n"),
  );
}

/** The last step: the demo's dashboard, a page to open in a browser, written into the demo repository. */
function writeDashboard(repo, env) {
  const file = join(repo, "tasks-dashboard.html");
  const showEnv = { ...env, TASKS_NOW: DEMO_NOW, TZ: TEAM[LOCAL_USER].timezone };
  const result = spawnSync(process.execPath, [BIN, "dashboard", "--out", file], { cwd: repo, env: showEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) throw new StepFailed(`tasks dashboard exited with ${result.status ?? result.signal}\n${indent(result.stderr)}`);
  process.stdout.write(`The demo's dashboard (open it in a browser): ${file}\n`);
}

export async function runDemo() {
  const base = realpathSync(tmpdir());
  const repo = mkdtempSync(join(base, "git-tasks-demo-"));
  const home = mkdtempSync(join(base, "git-tasks-demo-home-"));
  writeFileSync(join(home, ".gitconfig"), "");
  const env = isolatedEnv(home, base);
  try {
    printTeam();
    setUpRepository(repo, env);
    const commands = STORY.filter((s) => s.args).length;
    const first = momentOf(STORY[0]).toFormat("d LLLL");
    const last = momentOf(STORY[STORY.length - 1]).toFormat("d LLLL yyyy");
    const people = Object.keys(TEAM);
    process.stdout.write(`\nBuilding the history: ${commands} tasks commands as ${people.slice(0, -1).join(", ")} and ${people.at(-1)}, ${first} to ${last}…\n`);
    const ids = playStory(repo, env, progressPrinter());
    const count = git(repo, env, ["rev-list", "--count", "HEAD"]).trim();
    process.stdout.write(`Done: ${ids.size} tasks, ${count} commits.\n`);
    runShowSteps(repo, env, ids);
    printNextSteps(repo, ids);
    writeDashboard(repo, env);
    return 0;
  } catch (error) {
    if (process.stdout.isTTY) process.stdout.write("\n");
    process.stderr.write(`demo failed: ${error instanceof StepFailed ? error.message : (error?.stack ?? String(error))}\n`);
    process.stderr.write(`the repository is left for a look: ${repo}\n`);
    return 1;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

// ────────────────────────────────────────────────────────────────────────────────────────────────
// SHOW STEPS: what the demo shows once the history is built, in order, as alice at DEMO_NOW.
// Later issues append theirs here (standup, handoff, weekly report, check). "{key}" stands for the
// id of the task the story created `as: "key"`. A step whose exit code is not in `exitCodes`
// (default [0]) fails the demo.
// ────────────────────────────────────────────────────────────────────────────────────────────────
export const SHOW_STEPS = [
  { title: "The board", args: ["board"] },
  { title: "Open and active work", args: ["list"] },
  { title: "Who is working now, and when the others start", args: ["team"] },
  { title: "Everyone's standup, each since the start of their previous working day", args: ["standup", "--team"] },
  { title: "Alice records progress on the failover runbook's definition of done", args: ["dod", "{runbook}", "--met", "1"] },
  { title: "End of Alice's day: hand the runbook to whoever starts next", args: ["handoff", "{runbook}", "--to", "next", "--note", "Step 4 needs the new replica hostname; staging run is next"] },
  { title: "This week's summary", args: ["report", "weekly"] },
  { title: "Task hygiene, as CI sees it (exit 3: error-level findings)", args: ["check"], exitCodes: [0, 3] },
];

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runDemo();
}
