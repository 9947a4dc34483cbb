import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_CHROMIUM, launchChromium, openFile } from "../helpers/browser.js";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo, type SeedTask, type TeamRepo } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

const NOW = "2026-11-20T12:00:00Z";
const HOSTILE_TITLE = "<img src=x onerror=alert(1)>";
const HOSTILE_BODY = "<script>alert(1)</script>\n\n[click me](javascript:alert(1)) and <b onmouseover=alert(1)>bold</b>\n\n![pixel](https://tracker.example.com/p.png)";

/** Four weeks of history by three people: done, in progress, blocked with a reason, overdue, a hostile task. */
function seed(repo: TeamRepo): void {
  const early: SeedTask = { id: "ff666", title: "Old work from W45", status: "in-progress", owner: "alice", labels: ["backend"], log: ["2026-11-03 09:00 +01:00 alice: claimed"] };
  const lastWeek: SeedTask = { id: "aa111", title: "Shipped last week", status: "in-progress", owner: "bob", goal: "q4", labels: ["backend"], log: ["2026-11-10 04:00 -05:00 bob: claimed"] };
  const thisWeek: SeedTask = { id: "bb222", title: "Shipped this week", status: "in-progress", owner: "alice", due: "2026-11-19", goal: "q4", labels: ["frontend"], log: [] };
  const late: SeedTask = { id: "cc333", title: "Due Wednesday, still open", status: "in-progress", owner: "chitra", due: "2026-11-18", goal: "q4", labels: ["frontend"], log: [] };
  const blocked: SeedTask = { id: "dd444", title: "Rotate the vendor keys", status: "todo", owner: "bob", labels: ["security"], log: [] };
  const hostile: SeedTask = { id: "ee555", title: HOSTILE_TITLE, status: "todo", owner: "chitra", labels: ["security"], description: HOSTILE_BODY, log: [] };
  const unowned: SeedTask = { id: "gg777", title: "Nobody holds this", status: "todo", log: [] };
  repo.save(early, "2026-11-03T08:00:00Z", "alice");
  repo.save({ ...early, status: "done" }, "2026-11-05T15:00:00Z", "alice");
  repo.save(lastWeek, "2026-11-10T09:00:00Z", "bob");
  repo.save({ ...lastWeek, status: "done" }, "2026-11-12T15:00:00Z", "bob");
  repo.save({ ...thisWeek, status: "todo" }, "2026-11-16T09:00:00Z", "alice");
  repo.save(thisWeek, "2026-11-17T09:00:00Z", "alice");
  repo.save({ ...thisWeek, status: "done" }, "2026-11-18T09:00:00Z", "alice");
  repo.save(late, "2026-11-16T06:00:00Z", "chitra");
  repo.save(blocked, "2026-11-16T14:00:00Z", "bob");
  repo.save({ ...blocked, status: "blocked", log: ["2026-11-17 10:00 -05:00 bob: blocked: waiting for the vendor's new keys"] }, "2026-11-17T15:00:00Z", "bob");
  repo.save(hostile, "2026-11-18T06:00:00Z", "chitra");
  repo.save(unowned, "2026-11-19T10:00:00Z", "alice");
}

describe("tasks dashboard: the file", () => {
  it("writes tasks-dashboard.html by default and prints its path; --out - writes the page to stdout", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    const result = await repo.tasksAt(["dashboard"], NOW);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("tasks-dashboard.html\n");
    const html = repo.read("tasks-dashboard.html");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain(HOSTILE_TITLE);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain(`commit <code title="${repo.git(["rev-parse", "HEAD"]).trim()}">`);

    const stdout = await repo.tasksAt(["dashboard", "--out", "-", "--weeks", "2"], NOW);
    expect(stdout.code).toBe(0);
    expect(stdout.stdout).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
    expect(stdout.stdout).toContain('data-week="2026-W46"');
    expect(stdout.stdout).not.toContain('data-week="2026-W45"');
  });

  it("--json prints the page's data as a versioned document and writes no file", async () => {
    const repo = makeTeamRepo();
    seed(repo);
    const result = await repo.tasksAt(["dashboard", "--json", "--weeks", "3"], NOW);
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as { schemaVersion: number; kind: string; weeks: { label: string }[]; columns: { category: string; count: number }[] };
    expect(view).toMatchObject({ schemaVersion: 1, kind: "dashboard" });
    expect(view.weeks.map((w) => w.label)).toEqual(["2026-W45", "2026-W46", "2026-W47"]);
    expect(view.columns.map((c) => [c.category, c.count])).toEqual([["open", 2], ["active", 1], ["blocked", 1], ["closed", 3]]);
    expect(() => repo.read("tasks-dashboard.html")).toThrow();
  });

  it("refuses an --out that is a folder, and a --weeks that is not a number of weeks", async () => {
    const repo = makeTeamRepo();
    mkdirSync(join(repo.dir, "public"));
    const folder = await repo.tasksAt(["dashboard", "--out", "public"], NOW);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/error: refusing to write .*public: it is a folder/);
    const weeks = await repo.tasksAt(["dashboard", "--weeks", "0"], NOW);
    expect(weeks.code).toBe(2);
    expect(weeks.stderr).toContain('--weeks "0" is not a number of weeks');
    const both = await repo.tasksAt(["dashboard", "--json", "--out", "-"], NOW);
    expect(both.code).toBe(2);
  });
});

interface WeeklyJson {
  week: { label: string };
  created: unknown[];
  metrics: { throughput: number; medianCycleDays: number | null; onTimeCount: number; withDueCount: number; onTimePercent: string | null };
}

describe.skipIf(!HAS_CHROMIUM)("tasks dashboard in Chromium, from file://", () => {
  let repo: TeamRepo;
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    repo = makeTeamRepo({ autoRemove: false });
    seed(repo);
    const result = await repo.tasksAt(["dashboard", "--out", "board.html"], NOW);
    expect(result.code).toBe(0);
    file = join(repo.dir, "board.html");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    repo?.remove();
  });

  it("shows the right cards in the right columns, makes no request and logs no error", async () => {
    const { page, url, requests, problems, dialogs } = await openFile(browser, file);
    const columns = await page.$$eval(".column", (els) => els.map((el) => [el.getAttribute("data-category"), [...el.querySelectorAll(".card")].map((c) => c.getAttribute("data-id"))]));
    expect(columns).toEqual([
      ["open", ["ee555", "gg777"]],
      ["active", ["cc333"]],
      ["blocked", ["dd444"]],
      ["closed", expect.arrayContaining(["aa111", "bb222", "ff666"])],
    ]);
    expect(await page.locator('.card[data-id="dd444"] .reason').textContent()).toBe("blocked: waiting for the vendor's new keys");
    expect(await page.locator('.card[data-id="cc333"] .mark.overdue').count()).toBe(1);
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it("filters by owner, label and text, in the page", async () => {
    const { page } = await openFile(browser, file);
    const visible = async () => (await page.locator(".card:visible").evaluateAll((els) => els.map((el) => el.getAttribute("data-id")))).sort();
    await page.selectOption("#f-owner", "bob");
    expect(await visible()).toEqual(["aa111", "dd444"]);
    await page.selectOption("#f-owner", "");
    await page.selectOption("#f-label", "frontend");
    expect(await visible()).toEqual(["bb222", "cc333"]);
    await page.selectOption("#f-label", "");
    await page.fill("#f-text", "vendor");
    expect(await visible()).toEqual(["dd444"]);
    await page.click('button[type="reset"]');
    // The page applies the reset on the next tick (the form's fields are reset after the event).
    await expect.poll(visible).toHaveLength(7);
  });

  it("charts the numbers report weekly --json gives for the same weeks", async () => {
    const { page } = await openFile(browser, file);
    const rows = await page.$$eval("#t-throughput tbody tr, #t-cycle tbody tr, #t-ontime tbody tr", (trs) =>
      trs.map((tr) => [tr.querySelector("[data-week]")?.getAttribute("data-week"), Object.fromEntries([...tr.querySelectorAll("[data-metric]")].map((td) => [td.getAttribute("data-metric"), td.textContent]))] as const),
    );
    const byWeek = new Map<string, Record<string, string | null>>();
    for (const [week, cells] of rows) byWeek.set(week as string, { ...byWeek.get(week as string), ...cells });
    expect([...byWeek.keys()]).toEqual(["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"]);
    const bars = await page.$$eval('#chart-throughput rect[data-series="completed"]', (els) => els.map((el) => el.getAttribute("data-value")));
    for (const [i, label] of [...byWeek.keys()].entries()) {
      const weekly = JSON.parse((await repo.tasksAt(["report", "weekly", "--week", label, "--json"], NOW)).stdout) as WeeklyJson;
      const shown = byWeek.get(label) ?? {};
      const text = (v: number | string | null) => (v === null ? "–" : String(v));
      expect(shown, label).toEqual(
        expect.objectContaining({
          throughput: text(weekly.metrics.throughput),
          created: text(weekly.created.length),
          medianCycleDays: text(weekly.metrics.medianCycleDays),
          onTimeCount: text(weekly.metrics.onTimeCount),
          withDueCount: text(weekly.metrics.withDueCount),
          onTimePercent: text(weekly.metrics.onTimePercent),
        }),
      );
      expect(bars[i]).toBe(String(weekly.metrics.throughput));
    }
    expect(byWeek.get("2026-W47")).toMatchObject({ throughput: "1", onTimePercent: "100%" });
    expect(byWeek.get("2026-W45")).toMatchObject({ throughput: "1" });
  });

  it("shows hostile titles and bodies as text and runs none of them", async () => {
    const { page, dialogs, problems } = await openFile(browser, file);
    expect(await page.locator('.card[data-id="ee555"] .title').textContent()).toBe(HOSTILE_TITLE);
    const section = page.locator("#task-ee555");
    expect(await section.locator(".body").textContent()).toContain("<script>alert(1)</script>");
    expect(await section.locator(".body").textContent()).toContain("[click me](javascript:alert(1))");
    expect(await page.locator("script").count()).toBe(1);
    expect(await page.$$eval("a", (as) => as.filter((a) => !/^(https?:|mailto:|file:)/.test(a.href)).map((a) => a.href))).toEqual([]);
    expect(await page.locator("img").count()).toBe(0);
    await page.hover('.card[data-id="ee555"]');
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("is readable with JavaScript off: the board and every task's text are there, the filters are not", async () => {
    const { page, problems } = await openFile(browser, file, { javaScriptEnabled: false });
    expect(await page.locator(".card").count()).toBe(7);
    expect(await page.locator("#filters").isVisible()).toBe(false);
    expect(await page.locator("#task-dd444").textContent()).toContain("blocked: waiting for the vendor's new keys");
    expect(await page.locator("#chart-flow").count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it("charts the cumulative flow up to now: its last day is the board's columns", async () => {
    const { page } = await openFile(browser, file);
    const last = await page.locator("#t-flow tbody tr").last().locator("[data-metric]").evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-metric"), td.textContent]));
    const counts = await page.locator(".column .count").evaluateAll((els) => els.map((el) => el.textContent));
    expect(last).toEqual([["open", counts[0]], ["active", counts[1]], ["blocked", counts[2]], ["closed", counts[3]]]);
    expect(await page.locator("#t-flow tbody tr").first().locator("th").textContent()).toBe("2026-09-28");
  });

  it("prints without the filters and the section links", async () => {
    const { page } = await openFile(browser, file);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#filters").isVisible()).toBe(false);
    expect(await page.locator("nav.sections").isVisible()).toBe(false);
    expect(await page.locator('.card[data-id="dd444"]').isVisible()).toBe(true);
  });

  it("fits a phone: nothing wider than the screen", async () => {
    const { page } = await openFile(browser, file, { width: 375 });
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
  });
});
