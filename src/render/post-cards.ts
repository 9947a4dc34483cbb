import { LIMITS, type PostNote, type PostTarget, toDiscordPayloads, toSlackPayloads } from "./post-chat.js";
import { type Block, type Inline, isSafeLink, noteTitle, parseNote, plainText } from "./post-markdown.js";

/**
 * Teams (an Adaptive Card for workflow webhooks) and Google Chat (cardsV2), and the one entry
 * point that builds any target's payloads. Teams text goes into RichTextBlock text runs, which
 * Teams shows as typed and never parses as Markdown; Google Chat card text is HTML-escaped.
 */

const encoder = new TextEncoder();

// --- Teams ---

type Run = Record<string, unknown>;

function teamsRuns(inlines: readonly Inline[], style: Run = {}): Run[] {
  return inlines.flatMap((i): Run[] => {
    switch (i.kind) {
      case "text":
        return [{ type: "TextRun", text: i.text, ...style }];
      case "code":
        return [{ type: "TextRun", text: i.text, fontType: "Monospace", ...style }];
      case "break":
        return [{ type: "TextRun", text: "\n", ...style }];
      case "strong":
        return teamsRuns(i.children, { ...style, weight: "Bolder" });
      case "em":
        return teamsRuns(i.children, { ...style, italic: true });
      case "link":
        return teamsRuns(i.children, isSafeLink(i.href) ? { ...style, selectAction: { type: "Action.OpenUrl", url: i.href } } : style);
    }
  });
}

function rich(runs: Run[], extra: Run = {}): Run {
  return { type: "RichTextBlock", inlines: runs, ...extra };
}

function teamsElements(block: Block): Run[] {
  switch (block.kind) {
    case "heading":
      return [rich(teamsRuns(block.inlines, { weight: "Bolder", size: block.level === 1 ? "Large" : block.level === 2 ? "Medium" : "Default" }), { spacing: "Medium" })];
    case "paragraph":
      return [rich([...(block.quote ? [{ type: "TextRun", text: "│ ", isSubtle: true }] : []), ...teamsRuns(block.inlines)])];
    case "list":
      return block.items.map((item) => rich([{ type: "TextRun", text: `${"    ".repeat(item.depth)}${item.number === null ? "•" : `${item.number}.`} ` }, ...teamsRuns(item.inlines)], { spacing: "None" }));
    case "code":
      return [rich([{ type: "TextRun", text: block.text, fontType: "Monospace" }])];
    case "rule":
      return [];
  }
}

function teamsMessage(body: Run[]): object {
  const card = { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", msteams: { width: "Full" }, body };
  return { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] };
}

/** Groups elements into messages whose JSON stays under `maxBytes`, in order. */
function packBySize<T>(items: readonly T[], maxBytes: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = encoder.encode(JSON.stringify(item)).length;
    if (current.length > 0 && size + bytes > maxBytes) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups;
}

export function toTeamsPayloads(markdown: string): object[] {
  const elements: Run[] = [];
  let separate = false;
  for (const block of parseNote(markdown)) {
    if (block.kind === "rule") {
      separate = true;
      continue;
    }
    for (const element of teamsElements(block)) {
      elements.push(separate ? { ...element, separator: true } : element);
      separate = false;
    }
  }
  return packBySize(elements, LIMITS.teamsBytes).map(teamsMessage);
}

// --- Google Chat ---

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function chatInlines(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => {
      switch (i.kind) {
        case "text":
        case "code":
          return escapeHtml(i.text);
        case "break":
          return "<br>";
        case "strong":
          return `<b>${chatInlines(i.children)}</b>`;
        case "em":
          return `<i>${chatInlines(i.children)}</i>`;
        case "link":
          return isSafeLink(i.href) ? `<a href="${escapeHtml(i.href)}">${chatInlines(i.children)}</a>` : chatInlines(i.children);
      }
    })
    .join("");
}

interface ChatSection {
  header?: string;
  widgets: object[];
}

function chatWidget(block: Block): object {
  switch (block.kind) {
    case "heading":
      return { textParagraph: { text: `<b>${chatInlines(block.inlines)}</b>` } };
    case "paragraph":
      return { textParagraph: { text: `${block.quote ? "│ " : ""}${chatInlines(block.inlines)}` } };
    case "list":
      return { textParagraph: { text: block.items.map((item) => `${"&nbsp;".repeat(item.depth * 4)}${item.number === null ? "•" : `${item.number}.`} ${chatInlines(item.inlines)}`).join("<br>") } };
    case "code":
      return { textParagraph: { text: escapeHtml(block.text).replace(/\n/g, "<br>") } };
    case "rule":
      return { divider: {} };
  }
}

/** Bounds a widget's text well under a message (32,000 bytes: developers.google.com/workspace/chat/create-messages). */
const CHAT_WIDGET_CHARS = 8_000;

/** Consecutive runs of `items` whose sizes add up to at most `limit` (an item over it alone). */
function chunkBySize<T>(items: readonly T[], size: (item: T) => number, limit: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length > 0 && total + n > limit) {
      chunks.push(current);
      current = [];
      total = 0;
    }
    current.push(item);
    total += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export function toGoogleChatPayloads(markdown: string): object[] {
  const blocks = parseNote(markdown);
  const title = noteTitle(blocks);
  const sections: ChatSection[] = [];
  let current: ChatSection = { widgets: [] };
  let titled = false;
  for (const block of blocks) {
    if (block.kind === "heading" && !titled && plainText(block.inlines) === title) {
      titled = true;
      continue;
    }
    if (block.kind === "heading" && block.level <= 3) {
      if (current.widgets.length > 0 || current.header) sections.push(current);
      current = { header: chatInlines(block.inlines), widgets: [] };
      continue;
    }
    // A long list or code block becomes several widgets, so that no message outgrows the limit.
    if (block.kind === "list") {
      for (const items of chunkBySize(block.items, (item) => JSON.stringify(item).length * 2, CHAT_WIDGET_CHARS)) current.widgets.push(chatWidget({ ...block, items }));
    } else current.widgets.push(chatWidget(block));
  }
  if (current.widgets.length > 0 || current.header) sections.push(current);
  // A section needs at least one widget.
  const filled = sections.map((s) => (s.widgets.length > 0 ? s : { ...s, widgets: [{ textParagraph: { text: "–" } }] }));
  // A section bigger than a message is continued in sections of its own (without the header again).
  const bounded = filled.flatMap((s) => {
    const parts = chunkBySize(s.widgets, (w) => JSON.stringify(w).length * 2, LIMITS.googleChatBytes / 2);
    return parts.map((widgets, i) => (i === 0 && s.header !== undefined ? { header: s.header, widgets } : { widgets }));
  });
  const groups = packBySize(bounded, LIMITS.googleChatBytes);
  return groups.map((group, i) => ({
    cardsV2: [{ cardId: `tasks-note-${i + 1}`, card: { header: { title: groups.length > 1 ? `${title} (${i + 1}/${groups.length})` : title || "tasks" }, sections: group } }],
  }));
}

// --- every target ---

export function buildPayloads(target: PostTarget, note: PostNote): object[] {
  switch (target) {
    case "slack":
      return toSlackPayloads(note.markdown);
    case "discord":
      return toDiscordPayloads(note.markdown);
    case "teams":
      return toTeamsPayloads(note.markdown);
    case "google-chat":
      return toGoogleChatPayloads(note.markdown);
    case "webhook":
      return [{ schemaVersion: 1, kind: "tasks-note", ritual: note.ritual, title: noteTitle(parseNote(note.markdown)), markdown: note.markdown, data: note.data }];
  }
}
