import MarkdownIt from "markdown-it";
import { replaceUnsafe, sanitizeText } from "./sanitize.js";
import { isSafeLink } from "./safe-link.js";

/**
 * Task bodies as HTML, safely: markdown-it with raw HTML off, no autolinking of bare text, links
 * only to http(s), mailto and in-page anchors, and no images (an image would be a request from a
 * page that promises none): an image shows as its alt text and a link to it. Nothing else in the
 * output can carry a style or a script; alignment styles of tables are dropped (the page's CSP
 * would refuse them and say so in the console).
 */

/** On the page, links to its own sections and tasks are kept too. */
const isPageLink = (url: string): boolean => isSafeLink(url, { anchors: true });

let instance: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (instance) return instance;
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.validateLink = isPageLink;
  md.renderer.rules.image = (tokens, index) => {
    const token = tokens[index];
    const src = token?.attrGet("src") ?? "";
    const alt = md.utils.escapeHtml(token?.content || "image");
    return isPageLink(src) ? `<a href="${md.utils.escapeHtml(src)}" rel="noopener noreferrer nofollow">[${alt}]</a>` : `[${alt}]`;
  };
  const linkOpen = md.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    tokens[index]?.attrSet("rel", "noopener noreferrer nofollow");
    return linkOpen(tokens, index, options, env, self);
  };
  md.core.ruler.push("no_style", (state) => {
    for (const token of state.tokens) {
      if (token.attrs) token.attrs = token.attrs.filter(([name]) => name !== "style");
      for (const child of token.children ?? []) if (child.attrs) child.attrs = child.attrs.filter(([name]) => name !== "style");
    }
  });
  instance = md;
  return md;
}

/** A bound on what one body may cost the page: longer bodies are cut, with a note. */
const MAX_BODY = 20_000;

export function renderMarkdown(text: string): string {
  const source = sanitizeText(text);
  const cut = source.length > MAX_BODY;
  // Entities (`&#x202e;`) decode to the characters themselves: show those too, never raw.
  const html = replaceUnsafe(markdown().render(cut ? source.slice(0, MAX_BODY) : source), (shown) => markdown().utils.escapeHtml(shown));
  return cut ? `${html}<p class="muted">… (cut at ${MAX_BODY} characters; the file has the rest)</p>` : html;
}
