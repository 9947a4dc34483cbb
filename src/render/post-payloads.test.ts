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

/**
 * Each vendor's documented limits, checked on a long note (live vendors are not reachable from
 * the tests: these are the documented numbers, not a server's answer).
 */
describe("vendor limits on a long note: nothing over a limit, nothing cut", () => {
  const items = Array.from({ length: 420 }, (_, i) => `- \`t${String(i).padStart(3, "0")}\` ${"Fix the login timeout on slow hotel networks ".repeat(3)}<!channel> @everyone`);
  const LONG = ["## Standup · Mon 7 Dec with a heading long enough to test the header limit ".repeat(3), "", "### Alice Ng (alice)", "", ...items, ""].join("\n");
  const note = { ritual: "standup" as const, markdown: LONG, data: {} };
  const bytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;
  const everyItem = (text: string) => expect(text.match(/t\d{3}/g)).toEqual(items.map((_, i) => `t${String(i).padStart(3, "0")}`));

  it("Slack: at most 50 blocks a message, 3,000 characters a section text, 150 a header", () => {
    // https://api.slack.com/reference/block-kit/blocks: "maximum of 50 blocks" per message;
    // section `text` "maximum length for the text in this field is 3000 characters"; header text 150.
    const messages = buildPayloads("slack", note) as { blocks: { type: string; text: { text: string } }[] }[];
    expect(messages.length).toBeGreaterThanOrEqual(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      for (const b of m.blocks) expect(b.text.text.length).toBeLessThanOrEqual(b.type === "header" ? 150 : 3000);
    }
    everyItem(messages.map((m) => str(m)).join(""));
  });

  it("Teams: an Adaptive Card 1.4 with its schema, each message under 28 KB", () => {
    // https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
    // ("The message size limit is 28 KB"); Adaptive Card 1.4 is what Teams renders in a workflow post
    // (https://learn.microsoft.com/adaptive-cards/resources/partners, schema adaptivecards.io/schemas/adaptive-card.json).
    const messages = buildPayloads("teams", note) as { type: string; attachments: { contentType: string; content: Json }[] }[];
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.type).toBe("message");
      expect(bytes(m)).toBeLessThanOrEqual(28 * 1024);
      const card = m.attachments[0]?.content as Json;
      expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.4", $schema: "http://adaptivecards.io/schemas/adaptive-card.json" });
    }
    everyItem(messages.map((m) => str(m)).join(""));
  });

  it("Discord: content at most 2,000 characters, mentions off in every message", () => {
    // https://discord.com/developers/docs/resources/webhook#execute-webhook: content "up to 2000
    // characters"; allowed_mentions with parse: [] suppresses every mention.
    const messages = buildPayloads("discord", note) as { content: string; allowed_mentions: unknown }[];
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.content.length).toBeLessThanOrEqual(2000);
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    everyItem(messages.map((m) => m.content).join("\n"));
  });

  it("Google Chat: cardsV2 with a card id, sections each holding a widget, each message under 32,000 bytes", () => {
    // https://developers.google.com/workspace/chat/create-messages: "The maximum message size,
    // including text and cards, is 32,000 bytes"; cardsV2 items carry a cardId and a card
    // (https://developers.google.com/workspace/chat/api/reference/rest/v1/cards).
    const messages = buildPayloads("google-chat", note) as { cardsV2: { cardId: string; card: { header: { title: string }; sections: { widgets: unknown[] }[] } }[] }[];
    expect(messages.length).toBeGreaterThanOrEqual(1);
    for (const m of messages) {
      expect(bytes(m)).toBeLessThanOrEqual(32_000);
      for (const c of m.cardsV2) {
        expect(c.cardId).toMatch(/^[\w-]+$/);
        expect(c.card.sections.length).toBeGreaterThan(0);
        for (const s of c.card.sections) expect(s.widgets.length).toBeGreaterThan(0);
      }
    }
    everyItem(messages.map((m) => str(m)).join(""));
  });
});
