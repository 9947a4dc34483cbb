/**
 * The terminal sanitizer. Every string that came from a file, a commit or a name passes through
 * here before it reaches stdout or stderr, so repository content can never move the cursor, set
 * the window title, write the clipboard, hide text with bidi overrides or forge a line.
 *
 * Control characters become visible escapes (`\x1b`, `\r`); bidi and invisible format characters
 * become `<U+202E>`. Nothing is removed, so what was there stays visible.
 */

// C0 controls, DEL, C1 controls, bidi embeddings/overrides/isolates, marks, zero-width characters,
// the BOM, line/paragraph separators and lone surrogates.
const UNSAFE_MULTILINE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_SINGLE_LINE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, "0")}`;
  return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
}

/** A value shown on one line: a title, an owner, a table cell, a file name. */
export function sanitizeLine(value: string): string {
  UNSAFE_SINGLE_LINE.lastIndex = 0;
  if (!UNSAFE_SINGLE_LINE.test(value)) return value;
  UNSAFE_SINGLE_LINE.lastIndex = 0;
  return value.replace(UNSAFE_SINGLE_LINE, escapeChar);
}

/** A block of text shown as is: a task body, a rendered note. Newlines and tabs stay. */
export function sanitizeText(value: string): string {
  const text = value.includes("\r\n") ? value.replace(/\r\n/g, "\n") : value;
  UNSAFE_MULTILINE.lastIndex = 0;
  if (!UNSAFE_MULTILINE.test(text)) return text;
  UNSAFE_MULTILINE.lastIndex = 0;
  return text.replace(UNSAFE_MULTILINE, escapeChar);
}

/** Each character `sanitizeText` would escape, replaced by `replace` of how it shows it (`<U+202E>`): for HTML, say. */
export function replaceUnsafe(value: string, replace: (shown: string) => string): string {
  UNSAFE_MULTILINE.lastIndex = 0;
  if (!UNSAFE_MULTILINE.test(value)) return value;
  UNSAFE_MULTILINE.lastIndex = 0;
  return value.replace(UNSAFE_MULTILINE, (ch) => replace(escapeChar(ch)));
}

/** True when the string holds something the one-line sanitizer would escape (used by checks). */
export function hasUnsafeCharacters(value: string): boolean {
  UNSAFE_SINGLE_LINE.lastIndex = 0;
  return UNSAFE_SINGLE_LINE.test(value);
}

/** The distinct characters `sanitizeLine` would escape, as it shows them (`\x1b`, `<U+202E>`), in order of appearance. */
export function unsafeCharacters(value: string): string[] {
  return [...new Set(value.match(UNSAFE_SINGLE_LINE) ?? [])].map(escapeChar);
}
