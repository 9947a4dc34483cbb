import { isLogHeading, isSectionHeading, logLineTime } from "./task-log.js";

/**
 * Three-way merge of a task body. The `## Log` section is a list of dated entries that both sides
 * only ever append to, so it is merged as a set: every entry either side added is kept, once, in
 * time order; an entry one side removed stays removed. The text around the log (the description,
 * any section after the log) is merged by git's own three-way merge, handed in as `mergeText`
 * (`git merge-file`, src/git/merge-file.ts), so it merges and conflicts exactly as git would.
 */

export interface TextMerge {
  readonly text: string;
  /** How many conflicts the text holds (each between git's standard markers). */
  readonly conflicts: number;
}

/** git's three-way merge of three texts; injected, since running git is not this layer's job. */
export type MergeText = (base: string, ours: string, theirs: string) => Promise<TextMerge>;

interface Block {
  /** The entry line and its continuation lines (or one other line), joined with "\n". */
  readonly key: string;
  readonly lines: readonly string[];
  /** Milliseconds of the entry's stamp; undefined for lines that are not entries. */
  readonly time: number | undefined;
}

interface BodyParts {
  /** The text before the log heading (all of it when there is no log), line ends included. */
  readonly pre: string;
  readonly heading: string | undefined;
  readonly blocks: readonly Block[];
  /** The text after the log's last entry line and its line end. */
  readonly post: string;
}

export interface BodyMerge {
  readonly text: string;
  readonly conflicted: boolean;
}

function toBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let current: string[] | undefined;
  let time: number | undefined;
  const flush = (): void => {
    if (current) blocks.push({ key: current.join("\n"), lines: current, time });
    current = undefined;
  };
  for (const line of lines) {
    const at = logLineTime(line);
    if (at !== undefined) {
      flush();
      current = [line];
      time = Date.parse(at);
    } else if (current && /^ {2}\S/.test(line)) {
      current.push(line);
    } else {
      flush();
      blocks.push({ key: line, lines: [line], time: undefined });
    }
  }
  flush();
  return blocks;
}

export function splitBody(body: string): BodyParts {
  const lines = body.split("\n");
  let heading = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (isLogHeading(lines[i] as string)) {
      heading = i;
      break;
    }
  }
  if (heading === -1) return { pre: body, heading: undefined, blocks: [], post: "" };
  let end = lines.length;
  for (let i = heading + 1; i < lines.length; i++) {
    if (isSectionHeading(lines[i] as string)) {
      end = i;
      break;
    }
  }
  let last = heading;
  for (let i = heading + 1; i < end; i++) if ((lines[i] as string).trim() !== "") last = i;
  return {
    pre: lines.slice(0, heading).map((line) => `${line}\n`).join(""),
    heading: lines[heading],
    blocks: toBlocks(lines.slice(heading + 1, last + 1)),
    post: lines.slice(last + 1).join("\n"),
  };
}

function counts(blocks: readonly Block[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const block of blocks) map.set(block.key, (map.get(block.key) ?? 0) + 1);
  return map;
}

/** Blocks of `side` that `base` does not have (as a multiset). */
export function addedBlocks(base: readonly Block[], side: readonly Block[]): Block[] {
  const left = counts(base);
  return side.filter((block) => {
    const n = left.get(block.key) ?? 0;
    if (n > 0) left.set(block.key, n - 1);
    return n === 0;
  });
}

function insertByTime(result: Block[], block: Block): void {
  if (block.time === undefined) {
    result.push(block);
    return;
  }
  let at = -1;
  let firstEntry = -1;
  for (let i = 0; i < result.length; i++) {
    const time = (result[i] as Block).time;
    if (time === undefined) continue;
    if (firstEntry === -1) firstEntry = i;
    if (time <= block.time) at = i;
  }
  const index = at !== -1 ? at + 1 : firstEntry !== -1 ? firstEntry : result.length;
  result.splice(index, 0, block);
}

export function mergeLogBlocks(base: readonly Block[], ours: readonly Block[], theirs: readonly Block[]): Block[] {
  const removedByTheirs = counts(addedBlocks(theirs, base));
  const result: Block[] = [];
  for (const block of ours) {
    const n = removedByTheirs.get(block.key) ?? 0;
    if (n > 0) removedByTheirs.set(block.key, n - 1);
    else result.push(block);
  }
  // What both sides added identically (a claim published and then replayed, say) is kept once.
  const alreadyAdded = counts(addedBlocks(base, ours));
  for (const block of addedBlocks(base, theirs)) {
    const n = alreadyAdded.get(block.key) ?? 0;
    if (n > 0) alreadyAdded.set(block.key, n - 1);
    else insertByTime(result, block);
  }
  return result;
}

/** The newest entry a side added to the log, in milliseconds; undefined when it added none. */
export function newestAddedEntry(base: string, side: string): number | undefined {
  const times = addedBlocks(splitBody(base).blocks, splitBody(side).blocks)
    .map((b) => b.time)
    .filter((t): t is number => t !== undefined && !Number.isNaN(t));
  return times.length === 0 ? undefined : Math.max(...times);
}

/** Runs git only when both sides changed the text, and differently. */
export async function mergeChangedText(mergeText: MergeText, base: string, ours: string, theirs: string): Promise<TextMerge> {
  if (ours === theirs || theirs === base) return { text: ours, conflicts: 0 };
  if (ours === base) return { text: theirs, conflicts: 0 };
  return mergeText(base, ours, theirs);
}

export async function mergeBody(base: string, ours: string, theirs: string, mergeText: MergeText): Promise<BodyMerge> {
  const [o, t] = [splitBody(ours), splitBody(theirs)];
  const heading = o.heading ?? t.heading;
  if (heading === undefined || ours === theirs || theirs === base || ours === base) {
    // No log on either side (or nothing to reconcile): the body is plain text, merged as git would.
    const merged = await mergeChangedText(mergeText, base, ours, theirs);
    return { text: merged.text, conflicted: merged.conflicts > 0 };
  }
  const b = splitBody(base);
  const pre = await mergeChangedText(mergeText, b.pre, o.pre, t.pre);
  const post = await mergeChangedText(mergeText, b.post, o.post, t.post);
  const eol = heading.endsWith("\r") ? "\r\n" : "\n";
  const before = pre.text === "" || pre.text.endsWith("\n") ? pre.text : pre.text + eol;
  const log = [heading, ...mergeLogBlocks(b.blocks, o.blocks, t.blocks).flatMap((block) => block.lines)].join("\n");
  return { text: `${before}${log}\n${post.text}`, conflicted: pre.conflicts + post.conflicts > 0 };
}
