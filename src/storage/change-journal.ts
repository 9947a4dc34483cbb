import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { lstat, mkdir, open, readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { hasInvisible } from "../domain/invisible-characters.js";
import type { CommitMessage } from "../git/commit-message.js";
import { writeOutputFile } from "./safe-fs.js";

/**
 * The change journal, `.git/tasks-journal/<id>.json` (never committed, local to the clone): a
 * writing command records what it is about to write and the commit it will make BEFORE the first
 * task file changes, and removes the record once the commit is made (or the files are put back).
 * A record that outlives its command means the command died between write and commit; the next
 * run finds it and offers `tasks resume`, which makes exactly that commit.
 */

export const JOURNAL_DIR = "tasks-journal";
const FORMAT = 1;
const MAX_FILES = 1000;

export interface JournalFile {
  /** Repo-relative path with forward slashes. */
  readonly path: string;
  /** sha256 of the bytes the command wrote; null when it removed the file. */
  readonly sha256: string | null;
}

export interface Intent {
  /** The record's name in the journal folder. */
  readonly id: string;
  /** The command's verb (its Task-Action), for messages. */
  readonly action: string;
  /** When the command started writing (ISO). */
  readonly started: string;
  readonly message: CommitMessage;
  readonly files: readonly JournalFile[];
}

export function contentHash(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

const ID = /^[0-9a-f]{16}$/;
const SHA = /^[0-9a-f]{64}$/;
const ACTION = /^[a-z][a-z-]{0,30}$/;
const TRAILER_KEY = /^Task-[A-Za-z-]{1,40}$/;
// One line of a commit message as the tool writes it (git/commit-message.ts oneLine): no control,
// bidi or other hidden characters.
function isLine(value: unknown): value is string {
  return typeof value === "string" && value.length <= 300 && !hasInvisible(value);
}

/** A repo-relative path that cannot be read as an option, leave the repository or name .git. */
export function isJournalPath(value: unknown): value is string {
  if (typeof value !== "string" || value === "" || value.length > 1000 || hasInvisible(value)) return false;
  if (value.startsWith("-") || value.startsWith("/") || value.includes("\\") || /[\u0000-\u001f\u007f]/.test(value)) return false;
  return value.split("/").every((part) => part !== "" && part !== "." && part !== ".." && part.toLowerCase() !== ".git");
}

function parseMessage(value: unknown): CommitMessage | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { subject, body, trailers } = value as Record<string, unknown>;
  if (!isLine(subject) || subject === "") return undefined;
  if (body !== undefined && !(Array.isArray(body) && body.length <= 100 && body.every(isLine))) return undefined;
  if (!Array.isArray(trailers) || trailers.length > 100) return undefined;
  const pairs: [string, string][] = [];
  for (const pair of trailers) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || !TRAILER_KEY.test(pair[0]) || !isLine(pair[1])) return undefined;
    pairs.push([pair[0], pair[1]]);
  }
  return { subject, ...(Array.isArray(body) ? { body: body as string[] } : {}), trailers: pairs };
}

/** Validates a record read back from disk; anything unexpected makes it unreadable, never trusted. */
export function parseIntent(id: string, value: unknown): Intent | undefined {
  if (!ID.test(id) || typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.format !== FORMAT || typeof record.action !== "string" || !ACTION.test(record.action)) return undefined;
  if (typeof record.started !== "string" || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(record.started)) return undefined;
  const message = parseMessage(record.message);
  if (!message || !Array.isArray(record.files) || record.files.length === 0 || record.files.length > MAX_FILES) return undefined;
  const files: JournalFile[] = [];
  for (const file of record.files as unknown[]) {
    if (typeof file !== "object" || file === null) return undefined;
    const { path, sha256 } = file as Record<string, unknown>;
    if (!isJournalPath(path) || !(sha256 === null || (typeof sha256 === "string" && SHA.test(sha256)))) return undefined;
    files.push({ path, sha256 });
  }
  return { id, action: record.action, started: record.started, message, files };
}

/** Records an intent before the first write; returns its id for clearIntent. */
export async function recordIntent(gitDir: string, intent: Omit<Intent, "id">): Promise<string> {
  const dir = join(gitDir, JOURNAL_DIR);
  await mkdir(dir, { recursive: true });
  const id = randomBytes(8).toString("hex");
  await writeOutputFile(join(dir, `${id}.json`), `${JSON.stringify({ format: FORMAT, ...intent })}\n`);
  return id;
}

export async function clearIntent(gitDir: string, id: string): Promise<void> {
  if (!ID.test(id)) return;
  await unlink(join(gitDir, JOURNAL_DIR, `${id}.json`)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

async function readSmall(path: string): Promise<string | undefined> {
  const stat = await lstat(path);
  if (!stat.isFile() || stat.size > 1024 * 1024) return undefined;
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}

/** Every record in the journal, oldest first; `unreadable` names records that did not validate. */
export async function readIntents(gitDir: string): Promise<{ intents: Intent[]; unreadable: string[] }> {
  const dir = join(gitDir, JOURNAL_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return { intents: [], unreadable: [] };
    throw error;
  }
  const intents: Intent[] = [];
  const unreadable: string[] = [];
  for (const name of names) {
    const id = name.slice(0, -".json".length);
    let intent: Intent | undefined;
    try {
      const text = await readSmall(join(dir, name));
      intent = text === undefined ? undefined : parseIntent(id, JSON.parse(text));
    } catch {
      intent = undefined;
    }
    if (intent) intents.push(intent);
    else unreadable.push(`${JOURNAL_DIR}/${name}`);
  }
  intents.sort((a, b) => (a.started < b.started ? -1 : a.started > b.started ? 1 : 0));
  return { intents, unreadable };
}
