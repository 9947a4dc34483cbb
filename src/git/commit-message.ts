import { replaceInvisible } from "../domain/invisible-characters.js";

/**
 * Commit messages the tool writes: `tasks: <verb> <id> <title>` and trailers. Task text is
 * untrusted, so the subject is one sanitized line, and trailers are written only by the tool, from
 * validated values, in the final paragraph (a title can never forge a `Task-Id:` line).
 */

export interface CommitMessage {
  readonly subject: string;
  readonly body?: readonly string[];
  readonly trailers: readonly (readonly [string, string])[];
}

const MAX_SUBJECT = 72;

/** One line, no control, bidi, tag or other hidden characters (domain/invisible-characters.ts), whitespace collapsed. */
export function oneLine(text: string): string {
  return replaceInvisible(text, () => " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A line of the message body: one line, and never git's patch divider (`---` then white space),
 * after which `git interpret-trailers` and `%(trailers)` stop reading: the tool's own trailers
 * would vanish from history.
 */
function bodyLine(text: string): string {
  return oneLine(text).replace(/^---(?=\s|$)/, " ---");
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Cut between code points: half a surrogate pair would reach git as U+FFFD.
  let cut = max - 1;
  if (/[\ud800-\udbff]/.test(text[cut - 1] ?? "")) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

export function taskCommitMessage(verb: string, id: string, title: string, extra: { body?: string[]; trailers?: [string, string][] } = {}): CommitMessage {
  const subject = truncate(oneLine(`tasks: ${verb} ${id} ${title}`), MAX_SUBJECT);
  return {
    subject,
    ...(extra.body && extra.body.length > 0 ? { body: extra.body.map(bodyLine).filter(Boolean) } : {}),
    trailers: [["Task-Id", id], ["Task-Action", verb], ...(extra.trailers ?? []).map(([k, v]) => [k, truncate(oneLine(v), 200)] as const)],
  };
}

/** The `-m` paragraphs for `git commit`: subject, optional body, trailers last. */
export function messageParagraphs(message: CommitMessage): string[] {
  const paragraphs = [message.subject];
  if (message.body && message.body.length > 0) paragraphs.push(message.body.join("\n"));
  if (message.trailers.length > 0) paragraphs.push(message.trailers.map(([k, v]) => `${k}: ${v}`).join("\n"));
  return paragraphs;
}

/**
 * One commit for a change to several tasks: `tasks: handoff k7m2q p3x9t to bob`, a body line per
 * task, and a `Task-Id:` trailer per task so history readers attribute the commit to each of them.
 */
export function tasksCommitMessage(
  verb: string,
  tasks: readonly { readonly id: string; readonly title: string }[],
  summary: string,
  extra: { body?: string[]; trailers?: [string, string][] } = {},
): CommitMessage {
  const subject = truncate(oneLine(`tasks: ${verb} ${tasks.map((t) => t.id).join(" ")} ${summary}`), MAX_SUBJECT);
  const body = [...tasks.map((t) => `${t.id} ${t.title}`), ...(extra.body ?? [])].map(bodyLine).filter(Boolean);
  return {
    subject,
    body,
    trailers: [...tasks.map((t) => ["Task-Id", t.id] as const), ["Task-Action", verb], ...(extra.trailers ?? []).map(([k, v]) => [k, truncate(oneLine(v), 200)] as const)],
  };
}
