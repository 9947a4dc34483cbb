import { parseLogEntries } from "../domain/task-log.js";
import type { Task } from "../domain/task.js";

/**
 * What a task's text says beyond its fields: the links in it and the questions still open in it.
 *
 * Open questions are the sentences ending with a question mark in the description (above
 * `## Log`, outside code fences) and in the log entries. The tool cannot know whether someone
 * answered, so a handoff lists the latest few and the reader judges.
 */

const URL = /https?:\/\/[^\s<>()[\]"'`]+/g;
const MD_LINK = /\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"\n]*")?\)/g;
const MAX_LINKS = 12;
const MAX_QUESTIONS = 8;

/** Web links and Markdown link targets (repository paths included), in order of appearance. */
export function linksIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(URL)) found.push(match[0].replace(/[.,;:!?]+$/, ""));
  for (const match of text.matchAll(MD_LINK)) {
    const target = match[1] as string;
    if (!/^(https?:|#|mailto:|javascript:|data:)/i.test(target)) found.push(target);
  }
  return [...new Set(found)].slice(0, MAX_LINKS);
}

export interface OpenQuestion {
  readonly text: string;
  /** Who asked, for a question from the log. */
  readonly who: string | null;
  readonly at: string | null;
}

function description(body: string): string[] {
  const lines = body.replace(/\r\n/g, "\n").split("\n");
  const log = lines.findIndex((line) => /^##[ \t]+Log[ \t]*$/.test(line));
  return log === -1 ? lines : lines.slice(0, log);
}

/** The sentences of a line that end with `?` (a list marker or checkbox in front is dropped). */
function questionsIn(line: string): string[] {
  const text = line.trim().replace(/^([-*+>]|\d+\.)\s+(\[[ xX]\]\s+)?/, "");
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 1 && sentence.endsWith("?") && !/^https?:\/\/\S+$/.test(sentence));
}

export function openQuestions(task: Task): OpenQuestion[] {
  const questions: OpenQuestion[] = [];
  let fenced = false;
  for (const line of description(task.body)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) for (const text of questionsIn(line)) questions.push({ text, who: null, at: null });
  }
  for (const entry of parseLogEntries(task.body)) {
    for (const line of entry.text.split("\n")) for (const text of questionsIn(line)) questions.push({ text, who: entry.who, at: entry.at });
  }
  return questions.slice(-MAX_QUESTIONS);
}
