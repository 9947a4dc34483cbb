import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CONFIG, exampleEvents, exampleTasks, makeTask, NOW } from "../../test/helpers/report-fixtures.js";
import { buildDashboardView, lastWeeks } from "../reports/dashboard.js";
import type { Config, Member } from "../domain/config.js";
import { isoWeek } from "../reports/windows.js";
import { renderDashboardHtml } from "./dashboard-html.js";
import { renderMarkdown } from "./dashboard-markdown.js";
import { DASHBOARD_JS } from "./dashboard-script.js";
import { DASHBOARD_CSS } from "./dashboard-style.js";
import { escapeHtml } from "./html-escape.js";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64");
const HOSTILE = '<img src=x onerror=alert(1)>';

function page(extra = exampleTasks()): string {
  const weeks = lastWeeks(isoWeek(undefined, NOW, CONFIG.timezone), 2);
  const view = buildDashboardView({ config: CONFIG, tasks: extra, events: exampleEvents(), now: NOW, weeks, findings: [], commit: "b".repeat(40), repository: 'repo"><script>x</script>' });
  return renderDashboardHtml(view, { sha256 });
}

describe("escapeHtml", () => {
  it.each([
    [HOSTILE, "&lt;img src=x onerror=alert(1)&gt;"],
    ['a" onmouseover="x', "a&quot; onmouseover=&quot;x"],
    ["it's `x` & y", "it&#39;s &#96;x&#96; &amp; y"],
    ["bidi\u202egnp.exe\u0007 ad\u200bmin", "bidi&lt;U+202E&gt;gnp.exe\\x07 ad&lt;U+200B&gt;min"],
    [null, ""],
  ])("%j → %j", (input, expected) => expect(escapeHtml(input)).toBe(expected));
});

describe("renderMarkdown", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["[x](javascript:alert(1))", "[x](javascript:alert(1))"],
    ["[x](JaVaScRiPt:alert(1))", "[x](JaVaScRiPt:alert(1))"],
    ["[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](data:text/html;base64,PHNjcmlwdD4=)"],
    ["[x](vbscript:msgbox)", "[x](vbscript:msgbox)"],
    ["<https://example.com>", '<a href="https://example.com" rel="noopener noreferrer nofollow">https://example.com</a>'],
    ["[docs](https://example.com/a?b=1&c=2)", 'href="https://example.com/a?b=1&amp;c=2"'],
    ["[mail](mailto:a@example.com)", 'href="mailto:a@example.com"'],
    ["[up](#board)", 'href="#board"'],
  ])("%s renders as text or a safe link", (source, expected) => expect(renderMarkdown(source)).toContain(expected));

  it("never makes an image (a request): a remote image becomes a link, an unsafe one text", () => {
    expect(renderMarkdown("![chart](https://example.com/x.png)")).not.toContain("<img");
    expect(renderMarkdown("![chart](https://example.com/x.png)")).toContain('<a href="https://example.com/x.png"');
    expect(renderMarkdown("![c](javascript:alert(1))")).not.toContain("href");
  });

  it("shows invisible and bidi characters in a body, never raw", () => {
    expect(renderMarkdown("pay \u202eevil\u200b now")).toBe("<p>pay &lt;U+202E&gt;evil&lt;U+200B&gt; now</p>\n");
    expect(renderMarkdown("as an entity: &#x202e;x")).toBe("<p>as an entity: &lt;U+202E&gt;x</p>\n");
  });

  it("drops the style attributes of aligned table cells (the page's CSP forbids them)", () => {
    const html = renderMarkdown("| a | b |\n|:--|--:|\n| 1 | 2 |");
    expect(html).toContain("<table>");
    expect(html).not.toContain("style");
  });

  it("does not link bare URLs or render raw HTML blocks", () => {
    expect(renderMarkdown("see www.example.com")).not.toContain("<a");
    expect(renderMarkdown('<div onclick="x">hi</div>')).toContain("&lt;div onclick=&quot;x&quot;&gt;");
  });
});

describe("renderDashboardHtml: the team's time off", () => {
  it("shows who is away (until when, why) apart from who is outside their hours, the note escaped", () => {
    const [alice, bob, chitra] = CONFIG.team as [Member, Member, Member];
    const away = { from: "2026-11-16", to: "2026-11-27", note: "<b>leave</b>", start: Date.parse("2026-11-16T05:00:00Z"), end: Date.parse("2026-11-28T05:00:00Z") };
    const config: Config = { ...CONFIG, team: [alice, { ...bob, away: [away] }, chitra] };
    const weeks = lastWeeks(isoWeek(undefined, NOW, config.timezone), 2);
    const view = buildDashboardView({ config, tasks: exampleTasks(), events: exampleEvents(), now: NOW, weeks, findings: [], commit: "b".repeat(40), repository: "r" });
    expect(view.people.map((p) => [p.handle, p.away?.to ?? null])).toEqual([["alice", null], ["bob", "2026-11-27"], ["chitra", null]]);
    const html = renderDashboardHtml(view, { sha256 });
    expect(html).toContain('<span class="state away">away until 2026-11-27 · &lt;b&gt;leave&lt;/b&gt;</span>');
    expect(html).toContain('<span class="state off">outside hours</span>');
  });
});

describe("renderDashboardHtml", () => {
  const hostile = makeTask({ id: "x1x1x", title: HOSTILE, status: "in-progress", owner: '"><b>bob', labels: ["<i>l</i>"], goal: "g</title>" }, "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n## Log\n- 2026-11-20 10:00 +01:00 alice: <svg onload=alert(1)>\n");
  const html = page([...exampleTasks(), hostile]);

  it("has exactly one script, allowed by its hash, and a CSP that forbids every request", () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${sha256(DASHBOARD_JS)}'`);
    expect(csp).toContain(`style-src 'sha256-${sha256(DASHBOARD_CSS)}'`);
    expect(html).toContain(`<script>${DASHBOARD_JS}</script>`);
    expect(html).toContain(`<style>${DASHBOARD_CSS}</style>`);
  });

  it("shows every hostile string as text", () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toMatch(/<img[\s>]|<svg onload|<i>l<\/i>|href="javascript:/i);
    expect(html).not.toContain('"><b>bob');
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('data-owner="&quot;&gt;&lt;b&gt;bob"');
    expect(html).toContain("&lt;svg onload=alert(1)&gt;");
    expect(html).toContain("<title>Tasks dashboard · repo&quot;&gt;&lt;script&gt;x&lt;/script&gt;</title>");
  });

  it("has no style attribute and no inline event handler", () => {
    expect(html).not.toMatch(/\sstyle=/);
    // Inside a tag: an escaped title saying "onerror=" is text, not an attribute.
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  });

  it("lists what is up next, escaped, in the queue's order", () => {
    const withReady = page([...exampleTasks(), makeTask({ id: "q1q1q", title: `Pick me ${HOSTILE}`, priority: "high", created: "2026-11-18T09:00:00Z" })]);
    const section = withReady.slice(withReady.indexOf('<section class="block" id="ready"'), withReady.indexOf('<section class="block" id="tasks"'));
    expect(section).toContain("2 unclaimed and workable");
    expect(section.indexOf("q1q1q")).toBeLessThan(section.indexOf("z8q2e"));
    expect(section).toContain("Pick me &lt;img src=x onerror=alert(1)&gt;");
    expect(section).toContain("priority high; no due date;");
    expect(withReady).toContain('<a href="#ready">Up next</a>');
  });

  it("puts a table of the same numbers under each chart", () => {
    for (const id of ["t-throughput", "t-cycle", "t-ontime", "t-flow", "t-wip"]) expect(html).toContain(`<table id="${id}">`);
    expect(html).toContain('data-week="2026-W47"');
  });
});
