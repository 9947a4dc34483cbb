/**
 * Characters that do not show as themselves: controls, format characters and the few others that
 * render as nothing. One definition for every place that must not be fooled by them: the terminal
 * sanitizer, the GitHub Actions output guard, the `hidden-characters` check and the comparison of
 * people's names (`--owner bob` finds an owner written `bob` + U+2060).
 *
 * By category rather than a hand-picked list, so that tag characters (U+E0000–E007F, which spell
 * hidden ASCII text), word joiners, soft hyphens and the rest are caught along with bidi overrides.
 *
 * Variation selectors are the exception: one after a visible character picks its glyph (❤️ is
 * U+2764 U+FE0F, 葛󠄀 an ideographic variation), so a single one after a visible character is
 * ordinary text. A run of them, or one after nothing visible, can only hide something: a byte per
 * selector is a known way to smuggle text behind an emoji. Identities (owners, reviewers, labels)
 * ask for `strict`: there, every variation selector counts, since `bob` and `bob` + U+FE0F look
 * alike and are different people to every other tool.
 */

const INVISIBLE = [
  // Controls (C0, DEL, C1), every format character and lone surrogates, by category.
  String.raw`\p{Cc}\p{Cf}\p{Cs}`,
  // The format blocks again by range: the runtime's Unicode tables may predate an assignment, and
  // the unassigned holes (U+2065, U+E0000, U+E0002–E001F) are no more visible than the rest.
  String.raw`\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u{e0000}-\u{e007f}`,
  // Combining grapheme joiner: a mark (Mn), not a format character, but it has no glyph and can
  // split a word where no reader sees a split.
  String.raw`\u034f`,
  // Hangul fillers (Lo): blank by design, the usual way to make a name that looks empty.
  String.raw`\u115f\u1160\u3164\uffa0`,
  // Khmer inherent vowels (Mn): Unicode advises against showing them, so most fonts draw nothing.
  String.raw`\u17b4\u17b5`,
  // Line and paragraph separators (Zl, Zp): a line break to editors and JavaScript, none to others.
  String.raw`\u2028\u2029`,
].join("");

// Mongolian free variation selectors and the variation selectors VS1–VS256.
const VARIATION = String.raw`\u180b-\u180d\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}`;

const INVISIBLE_ONE = new RegExp(`[${INVISIBLE}]`, "u");
const VARIATION_ONE = new RegExp(`[${VARIATION}]`, "u");
const CANDIDATES = new RegExp(`[${INVISIBLE}${VARIATION}]`, "gu");
const CONTROL = /\p{Cc}/u;
// Most text is printable ASCII: one cheap test spares it the Unicode-property scan.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export interface InvisibleOptions {
  /** Characters the caller shows as they are: a text block keeps `\n` and `\t`. */
  readonly keep?: string;
  /** Every variation selector counts, even one after a visible character (identities). */
  readonly strict?: boolean;
}

export function isVariationSelector(ch: string): boolean {
  return VARIATION_ONE.test(ch);
}

/** The code point before `offset`, whole even when it is a surrogate pair. */
function previousCodePoint(text: string, offset: number): string {
  if (offset === 0) return "";
  const low = text.charCodeAt(offset - 1);
  const high = offset >= 2 ? text.charCodeAt(offset - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(pair ? offset - 2 : offset - 1, offset);
}

function counts(ch: string, offset: number, text: string, options: InvisibleOptions): boolean {
  if (options.keep?.includes(ch)) return false;
  if (!isVariationSelector(ch) || options.strict) return true;
  const before = previousCodePoint(text, offset);
  return before === "" || INVISIBLE_ONE.test(before) || isVariationSelector(before);
}

/** False when `text` certainly holds no hidden character (the common case: printable ASCII). */
function mayHide(text: string): boolean {
  if (PRINTABLE_ASCII.test(text)) return false;
  CANDIDATES.lastIndex = 0;
  const candidate = CANDIDATES.test(text);
  CANDIDATES.lastIndex = 0;
  return candidate;
}

/** Replaces each hidden character by what `replace` makes of it; the rest is left as it is. */
export function replaceInvisible(text: string, replace: (ch: string) => string, options: InvisibleOptions = {}): string {
  if (!mayHide(text)) return text;
  return text.replace(CANDIDATES, (ch: string, offset: number) => (counts(ch, offset, text, options) ? replace(ch) : ch));
}

/** The hidden characters of `text`, in order, repeats included. */
export function findInvisible(text: string, options: InvisibleOptions = {}): string[] {
  if (!mayHide(text)) return [];
  const found: string[] = [];
  replaceInvisible(
    text,
    (ch) => {
      found.push(ch);
      return ch;
    },
    options,
  );
  return found;
}

export function hasInvisible(text: string, options: InvisibleOptions = {}): boolean {
  return findInvisible(text, options).length > 0;
}

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** How one hidden character is shown: `\n`, `\x1b` for controls, `<U+202E>` or `<U+E0041>` for the rest. */
export function escapeInvisible(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  if (CONTROL.test(ch)) return `\\x${code.toString(16).padStart(2, "0")}`;
  return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
}

/** `text` with every hidden character shown as its escape; nothing is removed. */
export function showInvisible(text: string, options: InvisibleOptions = {}): string {
  return replaceInvisible(text, escapeInvisible, options);
}

/**
 * A person or label as people read it: hidden characters (every variation selector included)
 * removed. For comparing, never for writing back: the file keeps what it holds, and check says so.
 */
export function visibleIdentity(text: string): string {
  return replaceInvisible(text, () => "", { strict: true });
}

/**
 * The ASCII that tag characters spell (U+E0020–E007E mirror U+0020–007E): the hidden message of a
 * tag-smuggling attack, shown so a reviewer can read it. Empty when there are none.
 */
export function tagCharacterText(text: string): string {
  let spelled = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xe0020 && code <= 0xe007e) spelled += String.fromCharCode(code - 0xe0000);
  }
  return spelled;
}

/** Two people (or labels) are the same when they read the same. */
export function sameIdentity(a: string, b: string): boolean {
  return a === b || visibleIdentity(a) === visibleIdentity(b);
}
