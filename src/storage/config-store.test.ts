import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { TEST_ROOT } from "../../test/helpers/env.js";
import { DEFAULT_CONFIG, DEFAULT_DAYS, DEFAULT_HOURS } from "../domain/config.js";
import type { JsonValue } from "../domain/task.js";
import { CONFIG_PATH, loadConfig, validateConfig } from "./config-store.js";

/** `.tasks/config.yml`: defaults, validation messages naming the setting, warnings for unknown keys. */

function problemOf(data: Record<string, JsonValue>): { key: string; message: string; hint?: string } {
  try {
    validateConfig(data);
  } catch (error) {
    const e = error as Error & { key: string; hint?: string };
    return { key: e.key, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  }
  throw new Error("expected a problem");
}

describe("validateConfig", () => {
  it("fills every default for an empty file", () => {
    expect(validateConfig({})).toEqual({ config: { ...DEFAULT_CONFIG, present: true }, warnings: [] });
  });

  it("reads a full roster", () => {
    const { config, warnings } = validateConfig({
      "tasks-folder": "docs/tasks/",
      timezone: "Europe/Berlin",
      statuses: { open: "open", doing: "active", waiting: "blocked", shipped: "closed" },
      priorities: ["p1", "p2"],
      team: {
        alice: { name: "Alice Ng", email: "alice@example.com", timezone: "Asia/Kolkata", hours: "08:30-16:30", days: ["sun", "mon", "tue", "wed", "thu", "mon"] },
        bob: { emails: ["bob@example.com", "b@x.org"] },
        carol: null,
      },
    });
    expect(warnings).toEqual([]);
    expect(config.tasksDir).toBe("docs/tasks");
    expect(config.statuses.map((s) => `${s.name}:${s.category}`)).toEqual(["open:open", "doing:active", "waiting:blocked", "shipped:closed"]);
    expect(config.priorities).toEqual(["p1", "p2"]);
    expect(config.team).toEqual([
      { handle: "alice", name: "Alice Ng", emails: ["alice@example.com"], timezone: "Asia/Kolkata", hours: { start: 510, end: 990 }, days: [1, 2, 3, 4, 7], away: [], holidays: [] },
      { handle: "bob", name: null, emails: ["bob@example.com", "b@x.org"], timezone: "Europe/Berlin", hours: DEFAULT_HOURS, days: DEFAULT_DAYS, away: [], holidays: [] },
      { handle: "carol", name: null, emails: [], timezone: "Europe/Berlin", hours: DEFAULT_HOURS, days: DEFAULT_DAYS, away: [], holidays: [] },
    ]);
  });

  it("warns about unknown settings instead of failing", () => {
    const { warnings } = validateConfig({ colour: "blue", team: { alice: { slack: "@alice" } } });
    expect(warnings).toEqual([`${CONFIG_PATH}: unknown setting "colour" is ignored`, `${CONFIG_PATH}: unknown setting "team.alice.slack" is ignored`]);
  });

  it.each<[string, Record<string, JsonValue>, { key: string; message?: RegExp; hint?: RegExp }]>([
    ["a bad zone", { timezone: "Mars/Olympus" }, { key: "timezone", message: /not an IANA time zone/, hint: /Europe\/Berlin/ }],
    ["a zone that is not text", { timezone: 5 }, { key: "timezone", message: /must be text/ }],
    ["a member's bad zone", { team: { alice: { timezone: "Berlin" } } }, { key: "team.alice.timezone" }],
    ["hours that are not a range", { team: { alice: { hours: "9-5" } } }, { key: "team.alice.hours", hint: /09:00-17:00/ }],
    ["hours that end before they start", { team: { alice: { hours: "17:00-09:00" } } }, { key: "team.alice.hours" }],
    ["hours past midnight", { team: { alice: { hours: "20:00-24:30" } } }, { key: "team.alice.hours" }],
    ["days that are not a list", { team: { alice: { days: "mon" } } }, { key: "team.alice.days" }],
    ["an empty list of days", { team: { alice: { days: [] } } }, { key: "team.alice.days" }],
    ["a day that is not a weekday", { team: { alice: { days: ["mon", "funday"] } } }, { key: "team.alice.days", message: /"funday" is not a weekday/ }],
    ["a day named like an Object member", { team: { alice: { days: ["constructor"] } } }, { key: "team.alice.days" }],
    ["a handle with capitals", { team: { Alice: {} } }, { key: "team.Alice" }],
    ["a member that is a list", { team: { alice: ["x"] } }, { key: "team.alice", message: /mapping/ }],
    ["emails that are not a list", { team: { alice: { emails: "a@x" } } }, { key: "team.alice.emails" }],
    ["an email that is not text", { team: { alice: { emails: ["a@x", 3] } } }, { key: "team.alice.emails.2" }],
    ["statuses missing a closed category", { statuses: { todo: "open", doing: "active" } }, { key: "statuses", message: /no status has the category closed/, hint: /done: closed/ }],
    ["statuses missing an open category", { statuses: { doing: "active", done: "closed" } }, { key: "statuses", message: /open/ }],
    ["statuses missing an active category", { statuses: { todo: "open", done: "closed" } }, { key: "statuses", message: /active/ }],
    ["a status with an unknown category", { statuses: { todo: "open", doing: "busy", done: "closed" } }, { key: "statuses.doing", message: /one of open, active, blocked, closed/ }],
    ["statuses as a list", { statuses: ["todo", "done"] }, { key: "statuses", message: /mapping/ }],
    ["a status name with spaces", { statuses: { "to do": "open" } }, { key: "statuses.to do" }],
    ["priorities that are not a list", { priorities: "high" }, { key: "priorities" }],
    ["an empty priority list", { priorities: [] }, { key: "priorities" }],
    ["a priority with capitals", { priorities: ["High"] }, { key: "priorities.1" }],
    ["a tasks folder outside the repository", { "tasks-folder": "../elsewhere" }, { key: "tasks-folder" }],
    ["an absolute tasks folder", { "tasks-folder": "/etc" }, { key: "tasks-folder" }],
    ["a tasks folder in .git", { "tasks-folder": ".git/hooks" }, { key: "tasks-folder" }],
    ["a tasks folder in .GIT (case-insensitive file systems)", { "tasks-folder": ".GIT/hooks" }, { key: "tasks-folder" }],
    ["a tasks folder in .Tasks", { "tasks-folder": ".Tasks" }, { key: "tasks-folder" }],
    ["a tasks folder below a nested .git", { "tasks-folder": "docs/.git" }, { key: "tasks-folder" }],
    ["a tasks folder named like an option", { "tasks-folder": "-x" }, { key: "tasks-folder" }],
    ["a tasks folder with a backslash", { "tasks-folder": "a\\b" }, { key: "tasks-folder" }],
    ["a check section that is a list", { check: ["x"] }, { key: "check" }],
    ["away that is not a list", { team: { alice: { away: "2026-12-21" } } }, { key: "team.alice.away" }],
    ["an away period with three ends", { team: { alice: { away: ["2026-12-21..2026-12-22..2026-12-23"] } } }, { key: "team.alice.away.1", hint: /FROM\.\.TO/ }],
    ["an away date that does not exist", { team: { alice: { away: ["2026-02-30"] } } }, { key: "team.alice.away.1", message: /not a date/ }],
    ["an away period backwards", { team: { alice: { away: [{ from: "2026-12-22", to: "2026-12-21" }] } } }, { key: "team.alice.away.1", message: /ends \(2026-12-21\) before it starts/ }],
    ["an away period of four years", { team: { alice: { away: ["2026-01-01..2029-12-31"] } } }, { key: "team.alice.away.1", message: /longer than 1100 days/ }],
    ["an away period with an unknown key", { team: { alice: { away: [{ from: "2026-12-21", reason: "x" }] } } }, { key: "team.alice.away.1.reason" }],
    ["an away period without from", { team: { alice: { away: [{ to: "2026-12-21" }] } } }, { key: "team.alice.away.1.from" }],
    ["holidays outside the repository", { holidays: "../../etc/cal.ics" }, { key: "holidays" }],
    ["holidays at an absolute path", { holidays: "/etc/cal.ics" }, { key: "holidays" }],
    ["holidays that are not .ics", { team: { alice: { holidays: [".tasks/config.yml"] } } }, { key: "team.alice.holidays.1", hint: /\.ics/ }],
    ["holidays inside .git", { holidays: ".git/x.ics" }, { key: "holidays" }],
    ["a lease that is not working time", { claims: { lease: "3 weeks" } }, { key: "claims.lease", hint: /3 working days/ }],
    ["claims that are a list", { claims: ["x"] }, { key: "claims" }],
    ["review that is a list", { review: ["x"] }, { key: "review" }],
    ["a review wait that is not working time", { review: { "waiting-after": "2 weeks" } }, { key: "review.waiting-after", hint: /8 working hours/ }],
    ["required-for with an unknown key", { review: { "required-for": { owner: ["bob"] } } }, { key: "review.required-for.owner" }],
    ["required-for with a non-text label", { review: { "required-for": { labels: ["security", 3] } } }, { key: "review.required-for.labels.2" }],
    ["required-for with an unknown priority", { review: { "required-for": { priority: ["high", "p0"] } } }, { key: "review.required-for.priority.2", hint: /low, normal, high, urgent/ }],
    ["an sla for a priority not configured", { sla: { critical: { "done-within": "1 working day" } } }, { key: "sla.critical", hint: /low, normal, high, urgent/ }],
    ["an sla that is not working time", { sla: { high: { "start-within": "4 weeks" } } }, { key: "sla.high.start-within", hint: /4 working hours/ }],
    ["an sla that is a list", { sla: { high: ["x"] } }, { key: "sla.high" }],
    ["a near-breach that is not a percentage", { sla: { "near-breach": "0.8" } }, { key: "sla.near-breach", hint: /80%/ }],
    ["a near-breach of 100%", { sla: { "near-breach": "100%" } }, { key: "sla.near-breach" }],
  ])("refuses %s", (_name, data, expected) => {
    const problem = problemOf(data);
    expect(problem.key).toBe(expected.key);
    if (expected.message) expect(problem.message).toMatch(expected.message);
    if (expected.hint) expect(problem.hint).toMatch(expected.hint);
  });
});

describe("claims", () => {
  it("reads a lease in working days or hours", () => {
    expect(validateConfig({ claims: { lease: "3 working days" } }).config.claims).toEqual({ lease: { amount: 3, unit: "day" } });
    expect(validateConfig({ claims: { lease: "16 working hours" } }).config.claims).toEqual({ lease: { amount: 16, unit: "hour" } });
  });
});

describe("review", () => {
  it("reads required-for (a list or one value) and waiting-after", () => {
    expect(validateConfig({ review: { "required-for": { priority: ["high"], labels: "security" }, "waiting-after": "8 working hours" } }).config.review).toEqual({
      requiredFor: { priorities: ["high"], labels: ["security"] },
      waitingAfter: { amount: 8, unit: "hour" },
    });
    expect(validateConfig({ review: { "waiting-after": "1 working day" } }).config.review).toEqual({ requiredFor: null, waitingAfter: { amount: 1, unit: "day" } });
    expect(validateConfig({ review: { later: 1 } }).warnings).toEqual(['.tasks/config.yml: unknown setting "review.later" is ignored']);
  });
});

describe("sla", () => {
  it("reads service levels per configured priority and the near-breach share", () => {
    const { config, warnings } = validateConfig({
      priorities: ["low", "normal", "high", "p0"],
      sla: { p0: { "start-within": "4 working hours", "done-within": "3 working days", "resolve-within": "1d" }, normal: { "done-within": "10 working days" }, "near-breach": "75%" },
    });
    expect(config.sla?.nearBreach).toBe(0.75);
    expect(config.sla?.byPriority.get("p0")).toEqual({ startWithin: { amount: 4, unit: "hour" }, doneWithin: { amount: 3, unit: "day" } });
    expect(config.sla?.byPriority.get("normal")).toEqual({ startWithin: null, doneWithin: { amount: 10, unit: "day" } });
    expect(warnings).toEqual([`${CONFIG_PATH}: unknown setting "sla.p0.resolve-within" is ignored (use start-within or done-within)`]);
    expect(validateConfig({ sla: { high: { "done-within": "1 day" } } }).config.sla?.nearBreach).toBe(0.8);
  });

  it("names the line of a bad service level", async () => {
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-sla-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, ".tasks"));
    writeFileSync(join(dir, CONFIG_PATH), "timezone: UTC\nsla:\n  high:\n    done-within: soon\n");
    await expect(loadConfig(dir)).rejects.toThrow(`${CONFIG_PATH}:4: sla.high.done-within: "soon" is not a span of working time`);
  });
});

describe("time off in the roster", () => {
  it("reads away periods: dates (the last day included), local date-times, date-times with offsets, notes", () => {
    const { config } = validateConfig({
      team: {
        alice: {
          timezone: "Europe/Berlin",
          away: ["2026-12-21..2027-01-03", "2027-02-01", { from: "2027-03-01T13:00", to: "2027-03-02T12:00", note: "dentist" }, { from: "2027-04-01T10:00+00:00", to: "2027-04-01T12:00+00:00" }],
        },
      },
    });
    const away = config.team[0]?.away ?? [];
    expect(away.map((p) => [p.from, p.to, p.note, new Date(p.start).toISOString(), new Date(p.end).toISOString()])).toEqual([
      ["2026-12-21", "2027-01-03", null, "2026-12-20T23:00:00.000Z", "2027-01-03T23:00:00.000Z"],
      ["2027-02-01", "2027-02-01", null, "2027-01-31T23:00:00.000Z", "2027-02-01T23:00:00.000Z"],
      ["2027-03-01T13:00", "2027-03-02T12:00", "dentist", "2027-03-01T12:00:00.000Z", "2027-03-02T11:00:00.000Z"],
      ["2027-04-01T10:00+00:00", "2027-04-01T12:00+00:00", null, "2027-04-01T10:00:00.000Z", "2027-04-01T12:00:00.000Z"],
    ]);
  });

  it("loads the holiday calendars the roster names, and only those", async () => {
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-config-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, ".tasks", "holidays"), { recursive: true });
    writeFileSync(join(dir, ".tasks/holidays/germany.ics"), readFileSync(join(import.meta.dirname, "../../test/fixtures/holidays/germany.ics")));
    writeFileSync(join(dir, CONFIG_PATH), "holidays: .tasks/holidays/germany.ics\nteam:\n  alice: {}\n");
    const { config } = await loadConfig(dir);
    expect([...(config.calendars?.keys() ?? [])]).toEqual([".tasks/holidays/germany.ics"]);
    expect(config.calendars?.get(".tasks/holidays/germany.ics")?.get("2026-12-26")).toBe("Weihnachten");
  });

  it("does not read a calendar through a symbolic link, nor a file that is not iCalendar", async () => {
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-config-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, ".tasks"));
    writeFileSync(join(dir, "outside.ics"), "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
    symlinkSync(join(dir, "outside.ics"), join(dir, ".tasks/link.ics"));
    writeFileSync(join(dir, ".tasks/junk.ics"), "not a calendar\n");
    writeFileSync(join(dir, CONFIG_PATH), "holidays: .tasks/link.ics\n");
    await expect(loadConfig(dir)).rejects.toMatchObject({ code: "INVALID_CONFIG", message: expect.stringMatching(/link\.ics: is not a regular file/) });
    writeFileSync(join(dir, CONFIG_PATH), "holidays: .tasks/junk.ics\n");
    await expect(loadConfig(dir)).rejects.toMatchObject({ code: "INVALID_CONFIG", message: expect.stringMatching(/junk\.ics: is not an iCalendar file/) });
  });
});

describe("loadConfig", () => {
  function repoDir(): string {
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-config-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, ".tasks"));
    return dir;
  }

  it("gives the defaults when there is no file", async () => {
    const dir = mkdtempSync(join(TEST_ROOT, "tasks-config-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(await loadConfig(dir)).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
  });

  it("reads a file with a BOM and CRLF", async () => {
    const dir = repoDir();
    writeFileSync(join(dir, CONFIG_PATH), "\ufefftimezone: Asia/Kathmandu\r\nteam:\r\n  bob:\r\n    email: bob@example.com\r\n");
    const { config } = await loadConfig(dir);
    expect(config.timezone).toBe("Asia/Kathmandu");
    expect(config.team[0]?.timezone).toBe("Asia/Kathmandu");
  });

  it.each([
    ["a YAML error, with its line", "timezone: UTC\ntimezone: UTC\n", /^\.tasks\/config\.yml:2: invalid YAML/],
    ["a validation error, with the line of its setting", "# settings\ntimezone: Nowhere/Special\n", /^\.tasks\/config\.yml:2: timezone: "Nowhere\/Special" is not an IANA time zone/],
    ["a nested validation error, naming the setting and its line", "team:\n  alice:\n    hours: late\n", /^\.tasks\/config\.yml:3: team\.alice\.hours: /],
    ["an away period that ends before it starts, at its line", "team:\n  alice:\n    away:\n      - 2027-01-03..2026-12-21\n", /^\.tasks\/config\.yml:4: team\.alice\.away\.1: the period ends/],
    ["a holiday calendar that does not exist", "holidays: .tasks/holidays/none.ics\n", /holidays: \.tasks\/holidays\/none\.ics does not exist/],
    ["not a mapping", "- a\n", /config must be a YAML mapping/],
    ["an alias", "timezone: &z UTC\nx: *z\n", /aliases/],
  ])("reports %s", async (_name, text, message) => {
    const dir = repoDir();
    writeFileSync(join(dir, CONFIG_PATH), text);
    await expect(loadConfig(dir)).rejects.toMatchObject({ code: "INVALID_CONFIG", message: expect.stringMatching(message) });
  });

  it("reads a long config up to its 256 KiB cap (the frontmatter cap of 64 KiB does not apply)", async () => {
    const dir = repoDir();
    const comments = "# a long team note that explains the roster and the working agreements\n".repeat(1500);
    writeFileSync(join(dir, CONFIG_PATH), `${comments}timezone: Europe/Berlin\n`);
    expect(comments.length).toBeGreaterThan(100 * 1024);
    expect((await loadConfig(dir)).config.timezone).toBe("Europe/Berlin");
  });

  it("does not read a config that is a symbolic link", async () => {
    const dir = repoDir();
    writeFileSync(join(dir, "elsewhere.yml"), "timezone: UTC\n");
    symlinkSync(join(dir, "elsewhere.yml"), join(dir, CONFIG_PATH));
    await expect(loadConfig(dir)).rejects.toMatchObject({ code: "INVALID_CONFIG", message: expect.stringMatching(/symbolic link/) });
  });
});
