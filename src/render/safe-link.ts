/**
 * The links Markdown from a task file may keep: http(s) and mailto, and, on the dashboard page,
 * its own anchors (`#k7m2q`). Everything else (`javascript:`, `data:`, `file:`, relative paths)
 * stays text. markdown-it normalises the URL first; control characters and spaces cannot start a
 * scheme.
 */
const WEB_LINK = /^(https?:\/\/|mailto:)/i;

export function isSafeLink(url: string, options: { readonly anchors?: boolean } = {}): boolean {
  const trimmed = url.trim();
  return WEB_LINK.test(trimmed) || (options.anchors === true && trimmed.startsWith("#"));
}
