import { describe, expect, it } from "vitest";
import { buildPayloads, toGoogleChatPayloads, toTeamsPayloads } from "./post-cards.js";
import { escapeDiscord, escapeSlack, LIMITS, splitText, toDiscordPayloads, toSlackPayloads } from "./post-chat.js";
import { parseNote } from "./post-markdown.js";

const NOTE = [
  "## Standup · Mon 7 Dec",
  "",
  "### Alice Ng (alice)",
  "_Since Fri 09:00 · Europe/Berlin_",
  "",
  "**Done**",
  "- `k7m2q` Fix login [runbook](https://example.com/run?a=1&b=2)",
  "- `p3x9t` Ship it",
  "",
  "```",
  "a < b",
  "```",
  "",
].join("\n");

const HOSTILE = "- `h1` <!channel> @here @everyone <@U123> <@&987654> <#C42> [click](javascript:alert(1)) [ok](https://ok.example/x) <users/all>";

type Json = Record<string, unknown>;
const str = (value: unknown): string => JSON.stringify(value);

describe("the note's Markdown as a document", () => {
  it("keeps headings, lists, bold, code and safe links; a javascript: link stays text", () => {
    const blocks = parseNote(NOTE + HOSTILE);
    expect(blocks.map((b) => b.kind)).toEqual(["heading", "heading", "paragraph", "paragraph", "list", "code", "list"]);
    const last = str(blocks.at(-1));
    expect(last).toContain('"href":"https://ok.example/x"');
    expect(last).not.toContain('"href":"javascript');
    expect(last).toContain("[click](javascript:alert(1))");
  });
});

describe("Slack", () => {
  it("uses a header block, mrkdwn sections and <url|text> links", () => {
    const [message] = toSlackPayloads(NOTE) as Json[];
    const blocks = message?.blocks as Json[];
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Standup · Mon 7 Dec", emoji: false } });
    const text = str(blocks[1]);
    expect(text).toContain("*Alice Ng (alice)*");
    expect(text).toContain("• `k7m2q` Fix login <https://example.com/run?a=1&amp;b=2|runbook>");
    expect(text).toContain("```a &lt; b```");
    expect(message?.text).toBe("Standup · Mon 7 Dec");
  });

  it("escapes & < > so no mention or link comes from a title", () => {
    expect(escapeSlack("<!channel> & <@U1>")).toBe("&lt;!channel&gt; &amp; &lt;@U1&gt;");
    const text = str(toSlackPayloads(HOSTILE));
    expect(text).not.toMatch(/<!channel>|<@U123>|<@&987654>|<#C42>|javascript:alert\(1\)\|/);
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).toContain("<https://ok.example/x|ok>");
  });

  it("splits a long note over sections of 3,000 characters and messages of 50 blocks, in order", () => {
    const lines = Array.from({ length: 400 }, (_, i) => `- item ${String(i).padStart(3, "0")} ${"x".repeat(200)}`);
    const messages = toSlackPayloads(`## Big\n\n${lines.join("\n")}\n`) as Json[];
    const sections = messages.flatMap((m) => m.blocks as Json[]).filter((b) => b.type === "section");
    for (const s of sections) expect(((s.text as Json).text as string).length).toBeLessThanOrEqual(LIMITS.slackSection);
    for (const m of messages) expect((m.blocks as Json[]).length).toBeLessThanOrEqual(LIMITS.slackBlocks);
    const all = sections.map((s) => (s.text as Json).text).join("\n");
    expect(all.match(/item \d{3}/g)).toEqual(lines.map((_, i) => `item ${String(i).padStart(3, "0")}`));
  });
});

describe("Discord", () => {
  it("never pings: allowed_mentions parses nothing, and mention syntax is escaped", () => {
    const [message] = toDiscordPayloads(HOSTILE) as Json[];
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    const content = message?.content as string;
    expect(content).toContain("\\<\\@U123\\>");
    expect(content).toContain("\\@everyone");
    expect(content).not.toMatch(/\]\(javascript/);
    expect(content).toContain("[ok](<https://ok.example/x>)");
    expect(escapeDiscord("**x** [a](b)")).toBe("\\*\\*x\\*\\* \\[a\\]\\(b\\)");
  });

  it("splits a 2,500-character note into messages of at most 2,000, in order, losing nothing", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `- line ${String(i).padStart(2, "0")} ${"y".repeat(40)}`);
    const note = `## Long\n\n${lines.join("\n")}\n`;
    expect(note.length).toBeGreaterThan(2500);
    const messages = (toDiscordPayloads(note) as Json[]).map((m) => m.content as string);
    expect(messages.length).toBe(2);
    for (const m of messages) expect(m.length).toBeLessThanOrEqual(LIMITS.discord);
    expect(messages.join("\n").match(/line \d\d/g)).toEqual(lines.map((_, i) => `line ${String(i).padStart(2, "0")}`));
  });

  it("closes and reopens a code block split across messages", () => {
    const code = Array.from({ length: 100 }, (_, i) => `code line ${i} ${"z".repeat(30)}`).join("\n");
    const messages = (toDiscordPayloads(`\`\`\`\n${code}\n\`\`\`\n`) as Json[]).map((m) => m.content as string);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.startsWith("```\n") && m.endsWith("\n```")).toBe(true);
      expect(m.length).toBeLessThanOrEqual(LIMITS.discord);
    }
  });
});

describe("Teams", () => {
  it("is an Adaptive Card of text runs, which Teams never parses as Markdown", () => {
    const [message] = toTeamsPayloads(NOTE + HOSTILE) as Json[];
    const attachment = (message?.attachments as Json[])[0] as Json;
    expect(attachment.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = attachment.content as Json;
    expect(card.type).toBe("AdaptiveCard");
    const body = card.body as Json[];
    for (const element of body) expect(element.type).toBe("RichTextBlock");
    const text = str(body);
    expect(text).toContain('"selectAction":{"type":"Action.OpenUrl","url":"https://ok.example/x"}');
    expect(text).not.toContain('"url":"javascript');
    expect(text).toContain('"weight":"Bolder","size":"Medium"');
  });
});

describe("Google Chat", () => {
  it("is a cardsV2 card with HTML-escaped text and safe links only", () => {
    const [message] = toGoogleChatPayloads(NOTE + HOSTILE) as Json[];
    const card = ((message?.cardsV2 as Json[])[0] as Json).card as Json;
    expect(card.header).toEqual({ title: "Standup · Mon 7 Dec" });
    const text = str(card.sections);
    expect(text).toContain("&lt;users/all&gt;");
    expect(text).toContain("&lt;!channel&gt;");
    expect(text).toContain('<a href=\\"https://ok.example/x\\">ok</a>');
    expect(text).not.toContain('href=\\"javascript');
    expect(text).toContain("Alice Ng (alice)");
  });
});

describe("the generic webhook", () => {
  it("carries the Markdown and the template's data", () => {
    expect(buildPayloads("webhook", { ritual: "standup", markdown: NOTE, data: { people: [] } })).toEqual([
      { schemaVersion: 1, kind: "tasks-note", ritual: "standup", title: "Standup · Mon 7 Dec", markdown: NOTE, data: { people: [] } },
    ]);
  });
});

describe("splitText", () => {
  it("splits at line ends, and a line longer than the limit by characters", () => {
    expect(splitText("aa\nbb\ncc", 5)).toEqual(["aa\nbb", "cc"]);
    expect(splitText("abcdefgh", 3)).toEqual(["abc", "def", "gh"]);
    expect(splitText("ab😀", 3)).toEqual(["ab", "😀"]);
  });
});
