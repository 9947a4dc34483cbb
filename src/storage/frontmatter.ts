/**
 * Splits a task file into its frontmatter block and body, and joins them again, keeping every
 * byte: BOM, line endings, the delimiter lines and the body.
 *
 * Grammar: line 1 is exactly `---` (an optional `yaml`/`yml` tag is tolerated, any other tag is
 * refused: other tools evaluate `---js` blocks as code); the block ends at the next line that is
 * exactly `---` or `...`. An unterminated block is an error, never "everything is YAML".
 */

/** The largest frontmatter block read, in UTF-8 bytes; both YAML readers refuse anything larger. */
export const MAX_FRONTMATTER_BYTES = 64 * 1024;

export interface SplitFile {
  readonly bom: string;
  readonly openLine: string;
  readonly yaml: string;
  readonly closeLine: string;
  readonly body: string;
  readonly eol: "\n" | "\r\n";
  /** 1-based line of the file on which the YAML block starts. */
  readonly yamlFirstLine: number;
}

export type SplitError =
  | { readonly kind: "missing"; readonly line: 1 }
  | { readonly kind: "language"; readonly line: 1; readonly language: string }
  | { readonly kind: "unterminated"; readonly line: 1 };

export type SplitResult = { readonly ok: true; readonly file: SplitFile } | { readonly ok: false; readonly error: SplitError };

const OPEN = /^---([^\r\n]*)(\r?\n)/;

export function splitFrontmatter(text: string): SplitResult {
  const bom = text.startsWith("\ufeff") ? "\ufeff" : "";
  const rest = bom ? text.slice(1) : text;
  const open = OPEN.exec(rest);
  if (!open) {
    if (rest === "---" || /^---[ \t]*$/.test(rest)) return { ok: false, error: { kind: "unterminated", line: 1 } };
    return { ok: false, error: { kind: "missing", line: 1 } };
  }
  if (/^-/.test(open[1] ?? "")) return { ok: false, error: { kind: "missing", line: 1 } };
  const tag = (open[1] ?? "").trim();
  if (tag !== "" && tag.toLowerCase() !== "yaml" && tag.toLowerCase() !== "yml") {
    return { ok: false, error: { kind: "language", line: 1, language: tag } };
  }
  const eol = open[2] === "\r\n" ? "\r\n" : "\n";
  const start = open[0].length;
  // The closing delimiter is the first line after the opening one that is exactly `---` or `...`.
  let cursor = start;
  while (cursor <= rest.length) {
    const candidates = [rest.indexOf("---", cursor), rest.indexOf("...", cursor)].filter((i) => i !== -1);
    if (candidates.length === 0) break;
    const at = Math.min(...candidates);
    const atLineStart = at === start || rest.charCodeAt(at - 1) === 10;
    const after = rest.charCodeAt(at + 3);
    const lineEnd = Number.isNaN(after) ? at + 3 : after === 10 ? at + 4 : after === 13 && rest.charCodeAt(at + 4) === 10 ? at + 5 : -1;
    if (atLineStart && lineEnd !== -1) {
      return {
        ok: true,
        file: {
          bom,
          openLine: open[0],
          yaml: rest.slice(start, at),
          closeLine: rest.slice(at, lineEnd),
          body: rest.slice(lineEnd),
          eol,
          yamlFirstLine: 2,
        },
      };
    }
    cursor = at + 1;
  }
  return { ok: false, error: { kind: "unterminated", line: 1 } };
}

export function joinFrontmatter(file: SplitFile, yaml: string, body: string = file.body): string {
  let closeLine = file.closeLine;
  // A file that ended right after the closing delimiter gains a line ending only if a body follows.
  if (!closeLine.endsWith("\n") && body !== "") closeLine += file.eol;
  return file.bom + file.openLine + yaml + closeLine + body;
}

export function splitErrorMessage(error: SplitError): { message: string; hint: string } {
  switch (error.kind) {
    case "missing":
      return {
        message: "no frontmatter: a task file starts with a line '---'",
        hint: "start the file with '---', the task's fields, and another '---'",
      };
    case "language":
      return {
        message: `unsupported frontmatter language "${error.language}"`,
        hint: "task frontmatter is YAML: the first line must be exactly '---'",
      };
    case "unterminated":
      return {
        message: "unterminated frontmatter (opened at line 1)",
        hint: "end the fields with a line that is exactly '---'",
      };
  }
}
