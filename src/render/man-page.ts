/**
 * The man page (roff) for `tasks` and `git-tasks`, so that `git tasks --help` (which git turns
 * into `man git-tasks`) and `man tasks` work. Its body is the program's own help text, the
 * top level's and each command's, kept verbatim in no-fill blocks: the page says what the
 * help says and cannot drift from it. The build renders it (scripts/build-help.mjs).
 */

export interface ManPageInput {
  /** The page's name: `tasks` or `git-tasks`. */
  readonly name: string;
  readonly version: string;
  /** One line for NAME (whatis, apropos). */
  readonly summary: string;
  readonly help: string;
  readonly commands: readonly { readonly path: string; readonly help: string }[];
  readonly seeAlso: string;
}

/** Text as roff prints it: backslashes and dashes literal, a leading . or ' not read as a request, non-ASCII as \[uXXXX]. */
export function roffText(line: string): string {
  let out = "";
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "\\") out += "\\e";
    else if (char === "-") out += "\\-";
    else if (code < 0x20 || code === 0x7f) out += "";
    else if (code > 0x7e) out += `\\[u${code.toString(16).toUpperCase().padStart(4, "0")}]`;
    else out += char;
  }
  return /^[.']/.test(out) ? `\\&${out}` : out;
}

function quoted(text: string): string {
  return `"${roffText(text).replace(/"/g, '\\(dq')}"`;
}

function verbatim(text: string): string {
  const lines = text.replace(/\s+$/, "").split("\n").map(roffText);
  return [".nf", ...lines, ".fi"].join("\n");
}

export function renderManPage(input: ManPageInput): string {
  const title = input.name.toUpperCase();
  const sections = [
    `.TH ${quoted(title)} "1" "" ${quoted(`git-tasks ${input.version}`)} "User Commands"`,
    ".SH NAME",
    `${roffText(input.name)} \\- ${roffText(input.summary)}`,
    ".SH SYNOPSIS",
    ".B tasks",
    "[\\fIoptions\\fR] \\fIcommand\\fR [\\fIarguments\\fR]",
    ".br",
    ".B git tasks",
    "[\\fIoptions\\fR] \\fIcommand\\fR [\\fIarguments\\fR]",
    ".SH DESCRIPTION",
    "The help below is the program's own: \\fBtasks help\\fR \\fIcommand\\fR (or \\fBtasks\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR) prints the part about one command.",
    ".PP",
    verbatim(input.help),
    ".SH COMMANDS",
    ...input.commands.flatMap((command) => [`.SS ${quoted(`tasks ${command.path}`)}`, verbatim(command.help)]),
    ".SH SEE ALSO",
    roffText(input.seeAlso),
  ];
  return `${sections.join("\n")}\n`;
}
