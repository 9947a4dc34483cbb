import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { DateTime } from "luxon";
import { type Config, firstStatusOf, statusNames } from "../domain/config.js";
import { isValidId } from "../domain/ids.js";
import { badRecord, type ImportCriterion, importIdentity, importLine, type ImportRecord } from "../domain/import-plan.js";
import { splitFrontmatter } from "./frontmatter.js";

/**
 * Reads a Backlog.md project (https://github.com/MrLesk/Backlog.md) as import records: the
 * `backlog/` folder with `tasks/`, `completed/`, `drafts/` and `archive/`. Every value is checked
 * here, so a bad file stops the import before anything is written, naming the file and the field.
 */

const FOLDERS = ["tasks", "completed", "drafts", "archive/tasks", "archive/drafts"] as const;
const MAX_FILE = 1024 * 1024;
const PRIORITIES: Readonly<Record<string, string>> = { high: "high", medium: "normal", low: "low" };

export interface ReadOptions {
  readonly config: Config;
  /** Upstream status → ours (`--status "QA=review"`), on top of the defaults. */
  readonly statusMap: ReadonlyMap<string, string>;
}

interface Context extends ReadOptions {
  /** Milestone id (`m-0`) → its title, from `milestones/`. */
  readonly milestones: ReadonlyMap<string, string>;
}

async function projectFolder(input: string): Promise<string> {
  for (const candidate of [join(input, "backlog"), join(input, ".backlog"), input]) {
    const stat = await lstat(join(candidate, "tasks")).catch(() => undefined);
    if (stat?.isDirectory()) return candidate;
  }
  throw badRecord(input, "folder", "is not a Backlog.md project: no backlog/tasks folder", "give the project folder (the one holding backlog/) or the backlog folder itself");
}

function defaultStatus(config: Config, upstream: string, folder: string): string | undefined {
  if (folder.startsWith("archive")) return statusNames(config).includes("dropped") ? "dropped" : firstStatusOf(config, "closed");
  const key = upstream.trim().toLowerCase().replace(/[\s_]+/g, "-");
  if (statusNames(config).includes(key)) return key;
  if (key === "to-do" || key === "draft") return firstStatusOf(config, "open");
  if (key === "in-progress") return firstStatusOf(config, "active");
  if (key === "done" || folder === "completed") return firstStatusOf(config, "closed");
  return undefined;
}

function text(data: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number") return String(value);
  throw badRecord(where, key, `${key} must be text`);
}

function list(data: Record<string, unknown>, key: string, where: string): string[] {
  const value = data[key];
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string") return [value];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" && typeof v !== "number")) throw badRecord(where, key, `${key} must be a list of text`);
  return value.map(String);
}

/** Backlog.md writes `yyyy-mm-dd HH:mm` in the writer's local time, without an offset. */
function dateTime(value: string | undefined, zone: string, where: string, key: string): string | undefined {
  if (value === undefined) return undefined;
  for (const format of ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"]) {
    const parsed = DateTime.fromFormat(value.trim(), format, { zone });
    if (parsed.isValid) return parsed.toISO({ suppressMilliseconds: true }) ?? undefined;
  }
  throw badRecord(where, key, `"${importLine(value)}" is not a date`, "Backlog.md writes dates as 2026-12-01 or 2026-12-01 09:30");
}

function due(value: string | undefined, where: string): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) || !DateTime.fromISO(value.trim()).isValid) throw badRecord(where, "due_date", `"${importLine(value)}" is not a date`, "write due_date: 2026-12-01");
  return value.trim();
}

function aliasOf(id: string, where: string): string {
  const alias = id.trim().toLowerCase();
  if (!isValidId(alias)) throw badRecord(where, "id", `"${importLine(id)}" is not an id we can keep`, "Backlog.md ids look like task-12");
  return alias;
}

/** The acceptance criteria block (`- [x] #1 text`) becomes the definition of done; the rest is the body. */
function splitBody(body: string): { dod: ImportCriterion[]; body: string } {
  const dod: ImportCriterion[] = [];
  const rest = body.replace(/\r\n?/g, "\n").replace(/## Acceptance Criteria\n<!-- AC:BEGIN -->\n([\s\S]*?)<!-- AC:END -->\n?/, (_all, block: string) => {
    for (const line of block.split("\n")) {
      const item = /^- \[( |x|X)\] (?:#\d+ )?(.*)$/.exec(line);
      const criterion = item ? importLine(item[2] as string) : "";
      if (item && criterion) dod.push({ text: criterion, met: item[1] !== " " });
    }
    return "";
  });
  const cleaned = rest.replace(/^<!-- SECTION:[A-Z_]+:(BEGIN|END) -->\n?/gm, "").replace(/\n{3,}/g, "\n\n").trim();
  return { dod, body: cleaned };
}

async function readFields(root: string, folder: string, file: string): Promise<{ where: string; fields: Record<string, unknown>; body: string }> {
  const where = relative(process.cwd(), join(root, folder, file)) || file;
  const bytes = await readFile(join(root, folder, file));
  if (bytes.length > MAX_FILE) throw badRecord(where, "file", "is larger than 1 MiB");
  const split = splitFrontmatter(new TextDecoder("utf-8", { fatal: false }).decode(bytes));
  if (!split.ok) throw badRecord(where, "frontmatter", "has no frontmatter block", "a Backlog.md task starts with a --- block");
  const { parse } = await import("./yaml-library.js");
  let data: unknown;
  try {
    data = parse(split.file.yaml, { schema: "core", uniqueKeys: true, merge: false, maxAliasCount: 0 });
  } catch (error) {
    throw badRecord(where, "frontmatter", `invalid YAML: ${importLine((error as Error).message.split("\n")[0] ?? "")}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw badRecord(where, "frontmatter", "the frontmatter is not a mapping");
  return { where, fields: data as Record<string, unknown>, body: split.file.body };
}

async function readRecord(root: string, folder: string, file: string, options: Context): Promise<ImportRecord> {
  const { where, fields, body: rawBody } = await readFields(root, folder, file);
  const id = text(fields, "id", where);
  if (id === undefined) throw badRecord(where, "id", "has no id");
  const title = importLine(text(fields, "title", where) ?? "");
  if (title === "") throw badRecord(where, "title", "has no title");
  const upstream = text(fields, "status", where) ?? "";
  const status = options.statusMap.get(upstream) ?? options.statusMap.get(upstream.toLowerCase()) ?? defaultStatus(options.config, upstream, folder);
  if (status === undefined || !statusNames(options.config).includes(status)) {
    throw badRecord(where, "status", `status "${importLine(upstream)}" has no match here`, `map it: --status "${importLine(upstream)}=<one of ${statusNames(options.config).join(", ")}>"`);
  }
  const priorityText = text(fields, "priority", where)?.toLowerCase();
  const priority = priorityText === undefined ? undefined : PRIORITIES[priorityText] ?? priorityText;
  if (priority !== undefined && !options.config.priorities.includes(priority)) throw badRecord(where, "priority", `priority "${importLine(priorityText ?? "")}" is not configured`, `configured priorities: ${options.config.priorities.join(", ")}`);
  const { dod, body } = splitBody(rawBody);
  const milestone = text(fields, "milestone", where);
  return {
    where,
    sourceId: id.trim().toUpperCase(),
    title,
    status,
    people: list(fields, "assignee", where).map((p) => importIdentity(p).replace(/^@/, "")).filter(Boolean),
    labels: list(fields, "labels", where).map(importIdentity).filter(Boolean),
    dod,
    dependsOn: list(fields, "dependencies", where).map((d) => d.trim().toUpperCase()),
    due: due(text(fields, "due_date", where), where),
    priority,
    created: dateTime(text(fields, "created_date", where), options.config.timezone, where, "created_date"),
    goal: milestone === undefined ? undefined : importIdentity(options.milestones.get(milestone) ?? milestone) || undefined,
    aliases: [aliasOf(id, where)],
    body,
  };
}

export async function readBacklogProject(input: string, options: ReadOptions): Promise<ImportRecord[]> {
  const root = await projectFolder(input);
  const milestones = new Map<string, string>();
  for (const entry of await readdir(join(root, "milestones"), { withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile() || !entry.name.endsWith(".md")) continue;
    const { where, fields } = await readFields(root, "milestones", entry.name);
    const id = text(fields, "id", where);
    const title = text(fields, "title", where);
    if (id !== undefined && title !== undefined) milestones.set(id, title);
  }
  const context: Context = { ...options, milestones };
  const records: ImportRecord[] = [];
  for (const folder of FOLDERS) {
    const entries = await readdir(join(root, folder), { withFileTypes: true }).catch(() => []);
    // Symbolic links are not followed: a project folder from elsewhere must not read outside itself.
    const files = entries.filter((e) => e.isFile() && e.name.endsWith(".md")).map((e) => e.name).sort();
    for (const file of files) records.push(await readRecord(root, folder, file, context));
  }
  return records;
}
