import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { isSafeLink } from "./safe-link.js";

/**
 * A rendered note's Markdown as a small document model that each chat target writes in its own
 * format (post-slack.ts, post-teams.ts…). markdown-it parses it with raw HTML off and no
 * autolinking, so `<!channel>` or `<@U123>` in a title is text, and a link survives only when it
 * goes to http(s) or mailto: `[x](javascript:…)` stays the literal text it was.
 */

export type Inline =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "strong" | "em"; readonly children: readonly Inline[] }
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "link"; readonly href: string; readonly children: readonly Inline[] }
  | { readonly kind: "break" };

export interface ListItem {
  readonly depth: number;
  /** The item's number in an ordered list, else null. */
  readonly number: number | null;
  readonly inlines: readonly Inline[];
}

export type Block =
  | { readonly kind: "heading"; readonly level: number; readonly inlines: readonly Inline[] }
  | { readonly kind: "paragraph"; readonly inlines: readonly Inline[]; readonly quote: boolean }
  | { readonly kind: "list"; readonly items: readonly ListItem[] }
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "rule" };

export { isSafeLink } from "./safe-link.js";

let instance: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (instance) return instance;
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.validateLink = (url) => isSafeLink(url);
  instance = md;
  return md;
}

function parseInlines(tokens: readonly Token[]): Inline[] {
  const root: Inline[] = [];
  const stack: { kind: "strong" | "em" | "link"; href: string; children: Inline[] }[] = [];
  const out = (): Inline[] => stack.at(-1)?.children ?? root;
  const push = (inline: Inline): void => {
    const into = out();
    const last = into.at(-1);
    if (inline.kind === "text" && last?.kind === "text") into[into.length - 1] = { kind: "text", text: last.text + inline.text };
    else into.push(inline);
  };
  const close = (): void => {
    const open = stack.pop();
    if (!open) return;
    push(open.kind === "link" ? { kind: "link", href: open.href, children: open.children } : { kind: open.kind, children: open.children });
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text":
        push({ kind: "text", text: token.content });
        break;
      case "code_inline":
        push({ kind: "code", text: token.content });
        break;
      case "softbreak":
        push({ kind: "text", text: " " });
        break;
      case "hardbreak":
        push({ kind: "break" });
        break;
      case "strong_open":
      case "em_open":
        stack.push({ kind: token.type === "strong_open" ? "strong" : "em", href: "", children: [] });
        break;
      case "link_open":
        stack.push({ kind: "link", href: token.attrGet("href") ?? "", children: [] });
        break;
      case "strong_close":
      case "em_close":
      case "link_close":
        close();
        break;
      case "image":
        // A chat post shows no images: the alt text stands in, linked when the address is safe.
        push({ kind: "text", text: `[${token.content || "image"}]` });
        break;
      case "s_open":
      case "s_close":
        break;
      default:
        if (token.content) push({ kind: "text", text: token.content });
    }
  }
  while (stack.length > 0) close();
  return root;
}

/** Parses a note's Markdown into blocks, in order. Tables become lists of their rows. */
export function parseNote(text: string): Block[] {
  const tokens = markdown().parse(text, {});
  const blocks: Block[] = [];
  const lists: { ordered: boolean; next: number; items: ListItem[] }[] = [];
  let quote = 0;
  let itemInlines: Inline[] | null = null;
  let row: Inline[][] | null = null;
  let tableRows: ListItem[] | null = null;
  let headingLevel = 0;
  for (const token of tokens) {
    switch (token.type) {
      case "bullet_list_open":
      case "ordered_list_open":
        lists.push({ ordered: token.type === "ordered_list_open", next: Number(token.attrGet("start") ?? 1), items: lists.at(-1)?.items ?? [] });
        break;
      case "bullet_list_close":
      case "ordered_list_close": {
        const list = lists.pop();
        if (list && lists.length === 0 && list.items.length > 0) blocks.push({ kind: "list", items: list.items });
        break;
      }
      case "list_item_open":
        itemInlines = [];
        break;
      case "list_item_close":
        itemInlines = null;
        break;
      case "blockquote_open":
        quote++;
        break;
      case "blockquote_close":
        quote--;
        break;
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        if (row && tableRows) tableRows.push({ depth: 0, number: null, inlines: row.flatMap((cell, i) => (i === 0 ? cell : [{ kind: "text", text: " · " } as const, ...cell])) });
        row = null;
        break;
      case "table_open":
        tableRows = [];
        break;
      case "table_close":
        if (tableRows && tableRows.length > 0) blocks.push({ kind: "list", items: tableRows });
        tableRows = null;
        break;
      case "fence":
      case "code_block":
        blocks.push({ kind: "code", text: token.content.replace(/\n$/, "") });
        break;
      case "hr":
        blocks.push({ kind: "rule" });
        break;
      case "inline": {
        const inlines = parseInlines(token.children ?? []);
        if (row) row.push(inlines);
        else if (lists.length > 0 && itemInlines !== null) {
          const list = lists.at(-1);
          if (!list) break;
          if (itemInlines.length === 0) {
            itemInlines = inlines.slice();
            list.items.push({ depth: lists.length - 1, number: list.ordered ? list.next++ : null, inlines: itemInlines });
          } else itemInlines.push({ kind: "break" }, ...inlines);
        } else if (headingLevel !== 0) blocks.push({ kind: "heading", level: headingLevel, inlines });
        else blocks.push({ kind: "paragraph", inlines, quote: quote > 0 });
        break;
      }
      case "heading_open":
        headingLevel = Number(token.tag.slice(1));
        break;
      case "heading_close":
        headingLevel = 0;
        break;
      default:
        break;
    }
  }
  return blocks;
}

/** The plain text of inlines: no markup, links as their text. */
export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((i) => (i.kind === "text" || i.kind === "code" ? i.text : i.kind === "break" ? "\n" : plainText(i.children))).join("");
}

/** The note's title for notifications: its first heading, else its first line of text. */
export function noteTitle(blocks: readonly Block[]): string {
  const heading = blocks.find((b) => b.kind === "heading");
  if (heading) return plainText(heading.inlines);
  const first = blocks.find((b) => b.kind === "paragraph");
  return first ? plainText(first.inlines).split("\n")[0] ?? "" : "";
}
