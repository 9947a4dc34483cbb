import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG, exampleCommits, exampleEvents, exampleTasks, makeTask, NOW } from "../../test/helpers/report-fixtures.js";
import type { TasksError } from "../app/errors.js";
import type { Task } from "../domain/task.js";
import { renderTemplate } from "../render/template-engine.js";
import { BUILTIN_DIR } from "../storage/template-store.js";
import { buildHandoffView } from "./handoff.js";
import { buildStandupView } from "./standup.js";
import { buildWeeklyView } from "./weekly.js";
import { isoWeek } from "./windows.js";

const tasks = exampleTasks();
const standup = buildStandupView({ config: CONFIG, tasks, events: exampleEvents(), now: NOW, date: undefined, scope: "team", people: ["alice", "bob", "chitra"], readerZone: "UTC" });
const render = (text: string, model: object = standup) => renderTemplate({ name: "test.md", text }, model as Record<string, unknown>, { now: NOW, zone: "Asia/Kolkata" });
const failure = async (text: string): Promise<TasksError> => {
  try {
    await render(text);
  } catch (error) {
    return error as TasksError;
  }
  throw new Error(`expected ${text} to fail`);
};

describe("template errors a team can act on", () => {
  it("an unknown variable names it and lists the valid ones", async () => {
    const error = await failure("Hello {{ peple }}");
    expect(error.code).toBe("TEMPLATE_UNKNOWN_VARIABLE");
    expect(error.message).toContain('unknown variable "peple"');
    expect(error.hint).toMatch(/valid variables: .*people\[\]\.name.*people\[\]\.done\[\]\.title/);
  });

  it("an unknown field inside a loop names the path", async () => {
    const error = await failure("{% for p in people %}{{ p.nme }}{% endfor %}");
    expect(error.message).toContain('"p.nme"');
  });

  it("a template larger than 64 KiB is refused", async () => {
    expect((await failure(`${"x".repeat(70 * 1024)}`)).message).toMatch(/larger than 64 KiB/);
  });

  it.each([
    ["a huge range", "{% for i in (1..20000000) %}x{% endfor %}"],
    ["nested loops", "{% for a in (1..4000) %}{% for b in (1..4000) %}{{ b }}{% endfor %}{% endfor %}"],
    ["a growing string", "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}"],
  ])("%s is stopped with an error", async (_name, text) => {
    expect((await failure(text)).code).toBe("TEMPLATE_ERROR");
  });

  it("a value prints on one line, escaped: a title cannot start a line of its own or carry a control character into a note (T1, G1)", async () => {
    const model = { ...standup, dateText: "Fri\n::set-output name=x::y\r\n### Forged\x1b]0;t\x07" };
    expect(await render("{{ dateText }}|{{ dateText | upcase }}", model)).toBe("Fri\\n::set-output name=x::y\\r\\n### Forged\\x1b]0;t\\x07|FRI\\n::SET-OUTPUT NAME=X::Y\\r\\n### FORGED\\x1b]0;T\\x07");
    const simple = await renderTemplate({ name: "task.md", text: "{{ body }}" }, { body: "line one\nline two\x1b[2J" });
    expect(simple).toBe("line one\\nline two\\x1b[2J");
    expect(await renderTemplate({ name: "task.md", text: "{{ body }}" }, { body: "line one\nline two" }, { asWritten: true })).toBe("line one\nline two");
  });

  it("a note that grows past 1 MB is stopped there, with the template's name and line", async () => {
    // A hundred characters a turn: the limit is reached in ten thousand turns, far inside the 2 s.
    const error = await failure(`{% for a in (1..1000) %}{% for b in (1..1000) %}${"x".repeat(100)}{% endfor %}{% endfor %}`);
    expect(error.message).toMatch(/^template .+:1: the note grew larger than 1 MB \(the output limit\)$/);
  });

  it("'now' in a date filter is the injected clock in the given zone, not the machine's", async () => {
    expect(await render("{{ 'now' | date: '%Y-%m-%d %H:%M' }}")).toBe("2026-11-20 22:00");
  });
});

describe("template text is never run as code and never reads files", () => {
  const hostile = [
    "<% globalThis.pwned = 1 %>",
    "<%= process.mainModule.require('fs').writeFileSync('pwned-canary.txt', 'x') %>",
    "{{#with this.constructor}}{{name}}{{/with}}",
    "{{lookup this '__proto__'}}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ constructor.constructor('globalThis.pwned=1')() }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../../../etc/passwd' %}",
    "{% render '../../x' %}",
    "{% layout '/etc/passwd' %}",
    "{{ people.constructor }}",
    "{{ people.__proto__ }}",
    "{{ people[0].constructor.name }}",
    "{% assign p = people.__proto__ %}{{ p }}",
    "{{ 'x' | constructor }}",
    "{{ people | map: 'constructor' | first }}",
    "{{ people | map: '__proto__' | json }}",
    "{{ people | sort: 'constructor' | first | json }}",
    "{{ dateText | prepend: people.prototype }}",
  ];
  it.each(hostile)("%s", async (text) => {
    let output: string;
    try {
      output = await render(text);
    } catch (error) {
      expect((error as TasksError).code).toMatch(/^TEMPLATE_/);
      output = `${(error as TasksError).message} ${(error as TasksError).hint ?? ""}`;
    }
    expect(output).not.toMatch(/root:.*:0:0|native code|function |\[object Object\]|pwned=1/);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(existsSync(join(process.cwd(), "pwned-canary.txt"))).toBe(false);
  });

  it("code-like text outside Liquid tags comes out as the text it is", async () => {
    expect(await render("<% globalThis.pwned = 1 %> {{ kind }}")).toBe("<% globalThis.pwned = 1 %> standup");
  });
});

describe("the built-in templates", () => {
  const builtin = (name: string) => ({ name: `built-in ${name}.md`, text: readFileSync(join(BUILTIN_DIR, `${name}.md`), "utf8") });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const handoff = buildHandoffView({
    config: CONFIG, now: NOW, readerZone: "UTC", tasks: [byId.get("k7m2q") as Task, byId.get("p3x9t") as Task], lookup: (id) => byId.get(id),
    events: exampleEvents(), commits: exampleCommits(), branches: [], from: "alice", to: "bob", note: "flag merged", dryRun: false, commit: null,
  });
  const weekly = buildWeeklyView({ config: CONFIG, tasks, events: exampleEvents(), now: NOW, week: isoWeek("2026-W47", NOW, CONFIG.timezone) });
  const empty = buildWeeklyView({ config: { ...CONFIG, team: [] }, tasks: [], events: [], now: NOW, week: isoWeek("2026-W47", NOW, CONFIG.timezone) });

  it("standup: a section per person, with what each did and holds", async () => {
    const text = await renderTemplate(builtin("standup"), standup as unknown as Record<string, unknown>);
    expect(text).toContain("## Standup · Fri 20 Nov 2026");
    expect(text).toMatch(/### Alice Ng \(alice\)[\s\S]*\*\*Done\*\*\n- `w4n8c` Runbook for session timeouts/);
    expect(text).toMatch(/\*\*Blocked\*\*\n- `p3x9t` Rotate staging API keys · waiting for the vendor's new keys/);
  });

  it("standup: a long section shows 15 tasks, then how many more and the command that lists them", async () => {
    const many = (prefix: string, status: string, extra: Record<string, string> = {}): Task[] =>
      Array.from({ length: 20 }, (_, i) => makeTask({ id: `${prefix}${String.fromCharCode(97 + i)}`, title: `${status} ${i}`, status, owner: "bob", ...extra }));
    const busy = buildStandupView({
      config: CONFIG, events: [], now: NOW, date: undefined, scope: "owner", people: ["bob"], readerZone: "UTC",
      tasks: [...many("aaaa", "in-progress"), ...many("bbbb", "blocked"), ...many("cccc", "todo"), ...many("dddd", "todo", { due: "2026-11-01" })],
    });
    const full = await renderTemplate(builtin("standup"), busy as unknown as Record<string, unknown>);
    // Up next shows the first 3 of bob's ready queue (the overdue ones first), then how many more.
    const upNext = /\*\*Up next\*\* \(`tasks next`\)\n([\s\S]*?)\n\n/.exec(full)?.[1] ?? "";
    expect(upNext.split("\n").map((line) => line.slice(0, 9))).toEqual(["- `dddda`", "- `ddddb`", "- `ddddc`", "- …and 37"]);
    expect(upNext).toContain("- …and 37 more in their queue");
    const text = full.replace(upNext, "");
    for (const prefix of ["aaaa", "bbbb", "cccc", "dddd"]) expect(text.match(new RegExp(`\`${prefix}[a-t]\``, "g"))).toHaveLength(15);
    expect(text).toContain("- …and 5 more: `tasks list --owner bob --status active`");
    expect(text).toContain("- …and 5 more: `tasks list --blocked --owner bob`");
    expect(text).toContain("- …and 5 more: `tasks list --owner bob --status open`");
    expect(text).toContain("- …and 5 more: `tasks list --overdue --owner bob`");
  });

  it("handoff: what is left of the definition of done, where things are, blockers, questions", async () => {
    const text = await renderTemplate(builtin("handoff"), handoff as unknown as Record<string, unknown>);
    expect(text).toContain("## Handoff: Alice Ng → Bob Okafor");
    expect(text).toContain("- [x] Timeout raised to 30 s behind a flag\n- [ ] Integration test on a throttled network\n- [ ] Runbook updated");
    expect(text).toContain("- Branch: `feat/k7m2q-login-timeout`");
    expect(text).toContain("- Waits on `p3x9t` Rotate staging API keys (blocked)");
    expect(text).toContain("- Should the flag default to on for EU tenants?");
  });

  it("weekly: completions by owner, metrics, goals; and an empty week renders too", async () => {
    const text = await renderTemplate(builtin("weekly"), weekly as unknown as Record<string, unknown>);
    expect(text).toContain("**1 completed** · median cycle time 2.1 days · 100% on time (1 of 1 with a due date)");
    expect(text).toContain("- q4-reliability: 1 of 3 done (33%)");
    expect(await renderTemplate(builtin("weekly"), empty as unknown as Record<string, unknown>)).toContain("Nothing was completed this week.");
  });
});
