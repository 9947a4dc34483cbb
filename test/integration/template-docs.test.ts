import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Task } from "../../src/domain/task.js";
import { renderTemplate, tidyNote } from "../../src/render/template-engine.js";
import { buildHandoffView } from "../../src/reports/handoff.js";
import { buildStandupView } from "../../src/reports/standup.js";
import { buildTeamView } from "../../src/reports/team.js";
import { buildWeeklyView } from "../../src/reports/weekly.js";
import { isoWeek } from "../../src/reports/windows.js";
import { BUILTIN_DIR } from "../../src/storage/template-store.js";
import { PROJECT_ROOT } from "../helpers/cli.js";
import { CONFIG, exampleCommits, exampleEvents, exampleTasks, NOW } from "../helpers/report-fixtures.js";

/**
 * docs/templates.md shows each view model and each built-in note as the real code makes them from
 * test/helpers/report-fixtures.ts. This test fails when they drift; `UPDATE_DOCS=1 npx vitest run
 * test/integration/template-docs.test.ts` rewrites the generated blocks.
 */

const DOC = join(PROJECT_ROOT, "docs", "templates.md");

/** Every list cut to its first item: the shape stays whole, the page stays short. */
function shorten(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shorten(value[0])];
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  return value;
}

function models() {
  const tasks = exampleTasks();
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const events = exampleEvents();
  const standup = buildStandupView({ config: CONFIG, tasks, events, now: NOW, date: undefined, scope: "team", people: ["alice", "bob", "chitra"], readerZone: "Europe/Berlin" });
  const handoff = buildHandoffView({
    config: CONFIG, now: NOW, readerZone: "Europe/Berlin", tasks: [byId.get("k7m2q") as Task], lookup: (id) => byId.get(id), events, commits: exampleCommits(),
    branches: [], from: "alice", to: "bob", note: "The flag is merged; the throttled-network test is next.", dryRun: false, commit: "9f2c4e1a7b3d5c6e8f0a1b2c3d4e5f60718293a4",
  });
  const weekly = buildWeeklyView({ config: CONFIG, tasks, events, now: NOW, week: isoWeek("2026-W47", NOW, CONFIG.timezone) });
  const team = buildTeamView({ config: CONFIG, tasks, now: NOW, readerZone: "Europe/Berlin" });
  return { standup, handoff, weekly, team };
}

async function generated(): Promise<Record<string, string>> {
  const all = models();
  const blocks: Record<string, string> = {};
  for (const [name, model] of Object.entries(all)) blocks[`${name}-json`] = "```json\n" + JSON.stringify(shorten(model), null, 2) + "\n```";
  for (const name of ["standup", "handoff", "weekly"] as const) {
    const text = readFileSync(join(BUILTIN_DIR, `${name}.md`), "utf8");
    const note = tidyNote(await renderTemplate({ name, text }, all[name] as unknown as Record<string, unknown>));
    blocks[`${name}-note`] = "````markdown\n" + note + "````";
  }
  return blocks;
}

function replaceBlocks(doc: string, blocks: Record<string, string>): string {
  return doc.replace(/<!-- generated:([a-z-]+) -->\n[\s\S]*?<!-- \/generated:\1 -->/g, (whole, name: string) => {
    const block = blocks[name];
    return block === undefined ? whole : `<!-- generated:${name} -->\n${block}\n<!-- /generated:${name} -->`;
  });
}

describe("docs/templates.md", () => {
  it("shows every view model and built-in note as the code makes them", async () => {
    const blocks = await generated();
    const doc = readFileSync(DOC, "utf8");
    const updated = replaceBlocks(doc, blocks);
    if (process.env.UPDATE_DOCS === "1") writeFileSync(DOC, updated);
    for (const name of Object.keys(blocks)) expect(doc, `block ${name} is missing`).toContain(`<!-- generated:${name} -->`);
    expect(updated, "docs/templates.md is out of date: run UPDATE_DOCS=1 npx vitest run test/integration/template-docs.test.ts").toBe(doc);
  });

  it("documents every top-level field of every model", () => {
    const doc = readFileSync(DOC, "utf8");
    for (const model of Object.values(models())) {
      for (const [key, value] of Object.entries(model)) expect(doc, `field ${key}`).toContain(Array.isArray(value) ? `\`${key}[]\`` : `\`${key}\``);
    }
  });
});
