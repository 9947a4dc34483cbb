import { type Block, type Inline, isSafeLink, noteTitle, parseNote, plainText } from "./post-markdown.js";

/**
 * A note's Markdown as each chat target's native message payloads, in posting order. Untrusted
 * text stays text: Slack gets `& < >` escaped (so `<!channel>` cannot ping), Discord gets its
 * Markdown escaped and `allowed_mentions: {parse: []}`, Teams gets Adaptive Card text runs (never
 * parsed as Markdown), Google Chat gets HTML-escaped card text. A link survives only to http(s) or
 * mailto. A note too long for one message is split into several, in order, never cut.
 */

export const POST_TARGETS = ["slack", "teams", "discord", "google-chat", "webhook"] as const;
export type PostTarget = (typeof POST_TARGETS)[number];

export interface PostNote {
  readonly ritual: "standup" | "handoff" | "weekly" | "check";
  readonly markdown: string;
  /** What the template received (the command's --json), for the generic webhook. */
  readonly data: unknown;
}

export const LIMITS = { slackSection: 3000, slackBlocks: 50, slackHeader: 150, discord: 2000, teamsBytes: 24_000, googleChatBytes: 28_000 } as const;

/** Splits `text` into pieces of at most `max` characters: at line ends when it can, never inside a surrogate pair. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = "";
  const flush = (): void => {
    if (current !== "") pieces.push(current);
    current = "";
  };
  for (const line of text.split("\n")) {
    const joined = current === "" ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    flush();
    let rest = line;
    while (rest.length > max) {
      let cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  flush();
  return pieces;
}

function listPrefix(depth: number, number: number | null, bullet: string): string {
  return `${"  ".repeat(depth)}${number === null ? bullet : `${number}.`} `;
}

// --- Slack: mrkdwn in section blocks, plain-text headers ---

export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function slackUrl(url: string): string {
  return url.replace(/[|<> ]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`).replace(/&/g, "&amp;");
}

function slackInlines(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => {
      switch (i.kind) {
        case "text":
          return escapeSlack(i.text);
        case "code":
          return `\`${escapeSlack(i.text.replace(/`/g, "'"))}\``;
        case "break":
          return "\n";
        case "strong":
          return `*${slackInlines(i.children)}*`;
        case "em":
          return `_${slackInlines(i.children)}_`;
        case "link":
          return isSafeLink(i.href) ? `<${slackUrl(i.href)}|${slackInlines(i.children).replace(/\|/g, "¦")}>` : slackInlines(i.children);
      }
    })
    .join("");
}

function slackBlockText(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `*${slackInlines(block.inlines)}*`;
    case "paragraph": {
      const text = slackInlines(block.inlines);
      return block.quote ? text.split("\n").map((l) => `>${l}`).join("\n") : text;
    }
    case "list":
      return block.items.map((item) => `${listPrefix(item.depth, item.number, "•")}${slackInlines(item.inlines)}`).join("\n");
    case "code":
      return `\`\`\`${escapeSlack(block.text.replace(/```/g, "'''"))}\`\`\``;
    case "rule":
      return "";
  }
}

export function toSlackPayloads(markdown: string): object[] {
  const blocks = parseNote(markdown);
  const out: object[] = [];
  let text = "";
  const flush = (): void => {
    for (const piece of splitText(text, LIMITS.slackSection)) if (piece.trim() !== "") out.push({ type: "section", text: { type: "mrkdwn", text: piece } });
    text = "";
  };
  for (const block of blocks) {
    const plain = block.kind === "heading" ? plainText(block.inlines) : "";
    if (block.kind === "heading" && block.level <= 2 && plain.length <= LIMITS.slackHeader && plain.trim() !== "") {
      flush();
      out.push({ type: "header", text: { type: "plain_text", text: plain, emoji: false } });
    } else if (block.kind === "rule") {
      flush();
      out.push({ type: "divider" });
    } else {
      const next = slackBlockText(block);
      if (text !== "" && text.length + 2 + next.length > LIMITS.slackSection) flush();
      text = text === "" ? next : `${text}\n\n${next}`;
    }
  }
  flush();
  const title = escapeSlack(noteTitle(blocks)) || "tasks";
  const messages: object[] = [];
  for (let i = 0; i < out.length || (i === 0 && messages.length === 0); i += LIMITS.slackBlocks) {
    messages.push({ text: title, blocks: out.slice(i, i + LIMITS.slackBlocks), unfurl_links: false, unfurl_media: false });
    if (out.length === 0) break;
  }
  return messages.map((m, i) => (messages.length > 1 ? { ...m, text: `${title} (${i + 1}/${messages.length})` } : m));
}

// --- Discord: its Markdown, 2,000 characters a message, no mentions ---

export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|<>[\]()#@:-]/g, "\\$&");
}

function discordUrl(url: string): string {
  return url.replace(/[()<> ]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function discordInlines(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => {
      switch (i.kind) {
        case "text":
          return escapeDiscord(i.text);
        case "code":
          return i.text.includes("`") ? `\`\` ${i.text.replace(/``+/g, "`")} \`\`` : `\`${i.text}\``;
        case "break":
          return "\n";
        case "strong":
          return `**${discordInlines(i.children)}**`;
        case "em":
          return `_${discordInlines(i.children)}_`;
        case "link":
          return isSafeLink(i.href) ? `[${discordInlines(i.children)}](<${discordUrl(i.href)}>)` : discordInlines(i.children);
      }
    })
    .join("");
}

function discordPieces(block: Block, max: number): string[] {
  switch (block.kind) {
    case "heading":
      return splitText(block.level <= 3 ? `${"#".repeat(block.level)} ${discordInlines(block.inlines)}` : `**${discordInlines(block.inlines)}**`, max);
    case "paragraph": {
      const text = discordInlines(block.inlines);
      return splitText(block.quote ? text.split("\n").map((l) => `> ${l}`).join("\n") : text, max);
    }
    case "list":
      return splitText(block.items.map((item) => `${listPrefix(item.depth, item.number, "-")}${discordInlines(item.inlines)}`).join("\n"), max);
    case "code":
      // Each piece is a whole code block of its own, so a split never leaves a fence open.
      return splitText(block.text.replace(/```/g, "'''"), max - 8).map((piece) => `\`\`\`\n${piece}\n\`\`\``);
    case "rule":
      return ["———"];
  }
}

export function toDiscordPayloads(markdown: string): object[] {
  const messages: string[] = [];
  let current = "";
  for (const block of parseNote(markdown)) {
    for (const piece of discordPieces(block, LIMITS.discord)) {
      if (current !== "" && current.length + 2 + piece.length > LIMITS.discord) {
        messages.push(current);
        current = "";
      }
      current = current === "" ? piece : `${current}\n\n${piece}`;
    }
  }
  if (current !== "" || messages.length === 0) messages.push(current || "\\-");
  // flags 4: no link previews. allowed_mentions with nothing to parse: no one is pinged, whatever the text says.
  return messages.map((content) => ({ content, allowed_mentions: { parse: [] }, flags: 4 }));
}
