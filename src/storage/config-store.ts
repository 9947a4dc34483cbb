import { createHash } from "node:crypto";
import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { TasksError } from "../app/errors.js";
import {
  CATEGORIES,
  CONFIG_PATH,
  type Category,
  type Config,
  DEFAULT_CONFIG,
  DEFAULT_DAYS,
  DEFAULT_HOURS,
  type Member,
  type StatusDef,
} from "../domain/config.js";
import type { JsonValue } from "../domain/task.js";
import { isValidZone, parseHours, weekdayNumber } from "../domain/time.js";
import { readCachedYaml, writeCachedYaml } from "./parse-cache.js";
import { loadStrictYaml } from "./task-codec.js";

/**
 * `.tasks/config.yml`: everything optional, no file at all works. Validation names the line and
 * the field and says how to fix it; a key this version does not know is a warning, not an error,
 * so a newer teammate's config does not break an older tool.
 */

export { CONFIG_PATH };
const MAX_CONFIG_BYTES = 256 * 1024;
const KNOWN_KEYS = new Set(["tasks-folder", "timezone", "statuses", "priorities", "team", "check", "links"]);
const MEMBER_KEYS = new Set(["name", "email", "emails", "timezone", "hours", "days"]);
const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

export interface LoadedConfig {
  readonly config: Config;
  readonly warnings: readonly string[];
}

class ConfigProblem extends Error {
  constructor(
    readonly key: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export async function loadConfig(root: string, gitDir?: string): Promise<LoadedConfig> {
  const path = join(root, CONFIG_PATH);
  let text: string;
  try {
    const stat = await lstat(path);
    if (stat.isSymbolicLink()) throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH} is a symbolic link; it is not read`, { hint: "replace it with a regular file" });
    if (stat.size > MAX_CONFIG_BYTES) throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH} is larger than 256 KiB`);
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { config: DEFAULT_CONFIG, warnings: [] };
    throw error;
  }
  const hash = createHash("sha256").update(text).digest("hex");
  const cached = gitDir ? readCachedYaml(gitDir, hash) : undefined;
  const parsed = cached ? ({ ok: true, ...cached } as const) : (await loadStrictYaml()).parseStrictYaml(text, "config", MAX_CONFIG_BYTES);
  if (parsed.ok && !cached && gitDir) writeCachedYaml(gitDir, hash, { data: parsed.data, lines: parsed.lines });
  if (!parsed.ok) {
    throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH}:${parsed.problem.line}: ${parsed.problem.message}`, {
      hint: parsed.problem.hint ?? "fix the file, or run 'tasks init' in a fresh folder to see a valid example",
    });
  }
  try {
    return validateConfig(parsed.data);
  } catch (error) {
    if (!(error instanceof ConfigProblem)) throw error;
    const topKey = error.key.split(".")[0] ?? error.key;
    const line = parsed.lines[topKey] ?? 1;
    throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH}:${line}: ${error.key}: ${error.message}`, { hint: error.hint });
  }
}

function asMapping(value: JsonValue | undefined, key: string): Record<string, JsonValue> {
  if (value && typeof value === "object" && !Array.isArray(value)) return value;
  throw new ConfigProblem(key, "must be a mapping of names to values");
}

function asText(value: JsonValue | undefined, key: string): string {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  throw new ConfigProblem(key, "must be text");
}

export function validateConfig(data: Record<string, JsonValue>): LoadedConfig {
  const warnings = Object.keys(data)
    .filter((key) => !KNOWN_KEYS.has(key))
    .map((key) => `${CONFIG_PATH}: unknown setting "${key}" is ignored`);
  const timezone = data.timezone === undefined || data.timezone === null ? DEFAULT_CONFIG.timezone : asText(data.timezone, "timezone");
  if (!isValidZone(timezone)) throw new ConfigProblem("timezone", `"${timezone}" is not an IANA time zone`, "use a name like Europe/Berlin or America/New_York");
  const config: Config = {
    tasksDir: validateTasksDir(data["tasks-folder"]),
    timezone,
    statuses: data.statuses === undefined || data.statuses === null ? DEFAULT_CONFIG.statuses : validateStatuses(data.statuses),
    priorities: data.priorities === undefined || data.priorities === null ? DEFAULT_CONFIG.priorities : validateNames(data.priorities, "priorities"),
    team: data.team === undefined || data.team === null ? [] : validateTeam(data.team, timezone, warnings),
    check: data.check === undefined || data.check === null ? {} : asMapping(data.check, "check"),
    links: data.links === undefined || data.links === null ? DEFAULT_CONFIG.links : validateLinks(data.links, warnings),
    present: true,
  };
  return { config, warnings };
}

const TRAILER = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;
const BRANCH = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,100}$/;

function validateLinks(value: JsonValue, warnings: string[]): Config["links"] {
  const map = asMapping(value, "links");
  for (const unknown of Object.keys(map).filter((k) => k !== "trailer" && k !== "main-branch")) warnings.push(`${CONFIG_PATH}: unknown setting "links.${unknown}" is ignored`);
  const raw = map.trailer === undefined || map.trailer === null ? DEFAULT_CONFIG.links.trailers : Array.isArray(map.trailer) ? map.trailer : [map.trailer];
  const trailers = raw.map((item, i) => {
    if (typeof item !== "string" || !TRAILER.test(item.trim())) {
      throw new ConfigProblem(`links.trailer${Array.isArray(map.trailer) ? `.${i + 1}` : ""}`, `${JSON.stringify(item)} is not a trailer name`, "use letters, digits and dashes, like Task or Refs");
    }
    return item.trim();
  });
  if (trailers.length === 0) throw new ConfigProblem("links.trailer", "must name at least one trailer", "use Task, or leave the setting out");
  const main = map["main-branch"];
  if (main === undefined || main === null) return { trailers, mainBranch: null };
  const mainBranch = asText(main, "links.main-branch");
  if (!BRANCH.test(mainBranch) || mainBranch.endsWith("/") || mainBranch.endsWith(".lock")) throw new ConfigProblem("links.main-branch", `"${mainBranch}" is not a branch name`, "use the name of your default branch, like main");
  return { trailers, mainBranch };
}

function validateTasksDir(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return DEFAULT_CONFIG.tasksDir;
  const dir = asText(value, "tasks-folder").replace(/\/+$/, "");
  const segments = dir.split("/");
  const bad = segments.some((s) => s === "" || s === "." || s === ".." || !/^[A-Za-z0-9._-]+$/.test(s) || s.startsWith("-"));
  // Case-insensitive: on macOS and Windows `.GIT` is the `.git` folder (git refuses `.git` at any depth).
  const lower = segments.map((s) => s.toLowerCase());
  if (bad || dir.startsWith("/") || lower.includes(".git") || lower[0] === ".tasks") {
    throw new ConfigProblem("tasks-folder", `"${dir}" is not a folder inside the repository`, "use a relative path like tasks or docs/tasks");
  }
  return dir;
}

function validateNames(value: JsonValue, key: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new ConfigProblem(key, "must be a non-empty list");
  return value.map((item, i) => {
    if (typeof item !== "string" || !NAME.test(item)) throw new ConfigProblem(`${key}.${i + 1}`, `"${String(item)}" must be a lowercase name`);
    return item;
  });
}

function validateStatuses(value: JsonValue): StatusDef[] {
  const map = asMapping(value, "statuses");
  const statuses = Object.entries(map).map(([name, category]): StatusDef => {
    if (!NAME.test(name)) throw new ConfigProblem(`statuses.${name}`, "status names are lowercase letters, digits and dashes");
    if (typeof category !== "string" || !(CATEGORIES as readonly string[]).includes(category)) {
      throw new ConfigProblem(`statuses.${name}`, `category must be one of ${CATEGORIES.join(", ")}`, `write '${name}: open' (or active, blocked, closed)`);
    }
    return { name, category: category as Category };
  });
  for (const needed of ["open", "active", "closed"] as const) {
    if (!statuses.some((s) => s.category === needed)) {
      throw new ConfigProblem("statuses", `no status has the category ${needed}`, `add one, e.g. '${needed === "open" ? "todo" : needed === "active" ? "in-progress" : "done"}: ${needed}'`);
    }
  }
  return statuses;
}

function validateTeam(value: JsonValue, defaultZone: string, warnings: string[]): Member[] {
  const map = asMapping(value, "team");
  return Object.entries(map).map(([handle, raw]) => {
    const key = `team.${handle}`;
    if (!NAME.test(handle)) throw new ConfigProblem(key, "handles are lowercase letters, digits, '.', '_' and '-'");
    const entry = raw === null ? {} : asMapping(raw, key);
    for (const unknown of Object.keys(entry).filter((k) => !MEMBER_KEYS.has(k))) {
      warnings.push(`${CONFIG_PATH}: unknown setting "${key}.${unknown}" is ignored`);
    }
    const emails: string[] = [];
    if (entry.email !== undefined && entry.email !== null) emails.push(asText(entry.email, `${key}.email`));
    if (entry.emails !== undefined && entry.emails !== null) {
      if (!Array.isArray(entry.emails)) throw new ConfigProblem(`${key}.emails`, "must be a list of addresses");
      entry.emails.forEach((e, i) => emails.push(asText(e, `${key}.emails.${i + 1}`)));
    }
    const timezone = entry.timezone === undefined || entry.timezone === null ? defaultZone : asText(entry.timezone, `${key}.timezone`);
    if (!isValidZone(timezone)) throw new ConfigProblem(`${key}.timezone`, `"${timezone}" is not an IANA time zone`, "use a name like Europe/Berlin");
    let hours = DEFAULT_HOURS;
    if (entry.hours !== undefined && entry.hours !== null) {
      const parsed = parseHours(asText(entry.hours, `${key}.hours`));
      if (!parsed) throw new ConfigProblem(`${key}.hours`, `"${String(entry.hours)}" is not a range of hours`, 'write hours: "09:00-17:00"');
      hours = parsed;
    }
    let days = DEFAULT_DAYS;
    if (entry.days !== undefined && entry.days !== null) {
      if (!Array.isArray(entry.days) || entry.days.length === 0) throw new ConfigProblem(`${key}.days`, "must be a list of weekdays", "write days: [mon, tue, wed, thu, fri]");
      days = entry.days.map((d) => {
        const n = typeof d === "string" ? weekdayNumber(d) : undefined;
        if (n === undefined) throw new ConfigProblem(`${key}.days`, `"${String(d)}" is not a weekday`, "use mon, tue, wed, thu, fri, sat, sun");
        return n;
      });
    }
    const name = entry.name === undefined || entry.name === null ? null : asText(entry.name, `${key}.name`);
    return { handle, name, emails, timezone, hours, days: [...new Set(days)].sort() };
  });
}

/** The line of a setting (`["check", "stale", "days"]`) in `.tasks/config.yml`, else 1. */
export async function configLine(root: string, path: readonly string[]): Promise<number> {
  try {
    const text = await readFile(join(root, CONFIG_PATH), "utf8");
    const { lineOfKeyPath } = await loadStrictYaml();
    return lineOfKeyPath(text, path) ?? 1;
  } catch {
    return 1;
  }
}
