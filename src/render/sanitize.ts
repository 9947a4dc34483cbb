import { escapeInvisible, hasInvisible, replaceInvisible, showInvisible } from "../domain/invisible-characters.js";

/**
 * The terminal sanitizer. Every string that came from a file, a commit or a name passes through
 * here before it reaches stdout or stderr, so repository content can never move the cursor, set
 * the window title, write the clipboard, hide text with bidi overrides or tag characters, or forge
 * a line.
 *
 * What counts as hidden is defined once, in domain/invisible-characters.ts (controls, every format
 * character, tag characters, fillers…). Controls become visible escapes (`\x1b`, `\r`); the rest
 * become `<U+202E>`, `<U+E0041>`. Nothing is removed, so what was there stays visible.
 */

const TEXT_BLOCK = { keep: "\n\t" };

/** A value shown on one line: a title, an owner, a table cell, a file name. */
export function sanitizeLine(value: string): string {
  return showInvisible(value);
}

/** A block of text shown as is: a task body, a rendered note. Newlines and tabs stay. */
export function sanitizeText(value: string): string {
  const text = value.includes("\r\n") ? value.replace(/\r\n/g, "\n") : value;
  return showInvisible(text, TEXT_BLOCK);
}

/** Each character `sanitizeText` would escape, replaced by `replace` of how it shows it (`<U+202E>`): for HTML, say. */
export function replaceUnsafe(value: string, replace: (shown: string) => string): string {
  return replaceInvisible(value, (ch) => replace(escapeInvisible(ch)), TEXT_BLOCK);
}

/** True when the string holds something the one-line sanitizer would escape (used by checks). */
export function hasUnsafeCharacters(value: string): boolean {
  return hasInvisible(value);
}
