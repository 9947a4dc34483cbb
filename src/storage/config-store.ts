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
  type AwayPeriod,
  DEFAULT_POST,
  type Member,
  type PostConfig,
  type ServiceLevel,
  type StatusDef,
} from "../domain/config.js";
import type { JsonValue } from "../domain/task.js";
import { isIsoDateTime } from "../domain/task-schema.js";
import { isValidZone, localToInstant, parseHours, weekdayNumber } from "../domain/time.js";
import { parseWorkingDuration } from "../domain/working-time.js";
import { readCachedYaml, writeCachedYaml } from "./parse-cache.js";
import { loadStrictYaml } from "./task-codec.js";

/**
 * `.tasks/config.yml`: everything optional, no file at all works. Validation names the line and
 * the field and says how to fix it; a key this version does not know is a warning, not an error,
 * so a newer teammate's config does not break an older tool.
 */

export { CONFIG_PATH };
const MAX_CONFIG_BYTES = 256 * 1024;
const KNOWN_KEYS = new Set(["tasks-folder", "timezone", "statuses", "priorities", "team", "holidays", "claims", "review", "sla", "check", "post", "links"]);
const MEMBER_KEYS = new Set(["name", "email", "emails", "timezone", "hours", "days", "away", "holidays"]);
const POST_TARGET_KEYS = new Set(["slack", "teams", "discord", "google-chat", "webhook"]);
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
// Webhook hosts of the chat services, and any URL at all under post:.
const WEBHOOK_URL = /https?:\/\/[^\s]*(hooks\.slack\.com|discord(app)?\.com\/api\/webhooks|webhook\.office\.com|logic\.azure\.com|powerplatform\.com|chat\.googleapis\.com)/i;
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
  return configFromText(root, text, gitDir);
}

/** The config a text gives (validated, calendars loaded), as loadConfig would read it from disk. */
export async function configFromText(root: string, text: string, gitDir?: string): Promise<LoadedConfig> {
  const hash = createHash("sha256").update(text).digest("hex");
  const cached = gitDir ? readCachedYaml(gitDir, hash) : undefined;
  const parsed = cached ? ({ ok: true, ...cached } as const) : (await loadStrictYaml()).parseStrictYaml(text, "config", MAX_CONFIG_BYTES);
  if (parsed.ok && !cached && gitDir) writeCachedYaml(gitDir, hash, { data: parsed.data, lines: parsed.lines });
  if (!parsed.ok) {
    throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH}:${parsed.problem.line}: ${parsed.problem.message}`, {
      hint: parsed.problem.hint ?? "fix the file, or run 'tasks init' in a fresh folder to see a valid example",
    });
  }
  let loaded: LoadedConfig;
  try {
    loaded = validateConfig(parsed.data);
  } catch (error) {
    if (!(error instanceof ConfigProblem)) throw error;
    const line = await configLine(root, error.key.split("."), text);
    throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH}:${line}: ${error.key}: ${error.message}`, { hint: error.hint });
  }
  if (loaded.config.post.literalUrls.length > 0) {
    // `tasks check` points at the line of each webhook URL written in the file.
    const { lineOfKeyPath } = await loadStrictYaml();
    const lines: Record<string, number> = {};
    for (const key of loaded.config.post.literalUrls) {
      const line = lineOfKeyPath(text, key.split("."));
      if (line !== undefined) lines[key] = line;
    }
    loaded = { ...loaded, config: { ...loaded.config, post: { ...loaded.config.post, literalUrlLines: lines } } };
  }
  const paths = calendarPaths(loaded.config);
  if (paths.length === 0) return loaded;
  // Holiday calendars are read only when the roster names one (ical.js is loaded only then).
  const { loadHolidayCalendars } = await import("./holiday-calendar.js");
  return { ...loaded, config: { ...loaded.config, calendars: await loadHolidayCalendars(root, paths, gitDir) } };
}

function calendarPaths(config: Config): string[] {
  return [...new Set([...(config.holidays ?? []), ...config.team.flatMap((m) => m.holidays ?? [])])];
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
  const teamHolidays = data.holidays === undefined || data.holidays === null ? [] : validateCalendars(data.holidays, "holidays");
  const priorities = data.priorities === undefined || data.priorities === null ? DEFAULT_CONFIG.priorities : validateNames(data.priorities, "priorities");
  const config: Config = {
    tasksDir: validateTasksDir(data["tasks-folder"]),
    timezone,
    statuses: data.statuses === undefined || data.statuses === null ? DEFAULT_CONFIG.statuses : validateStatuses(data.statuses),
    priorities,
    team: data.team === undefined || data.team === null ? [] : validateTeam(data.team, timezone, teamHolidays, warnings),
    holidays: teamHolidays,
    calendars: new Map(),
    ...(data.claims === undefined || data.claims === null ? {} : { claims: validateClaims(data.claims, warnings) }),
    ...(data.review === undefined || data.review === null ? {} : { review: validateReview(data.review, priorities, warnings) }),
    check: data.check === undefined || data.check === null ? {} : asMapping(data.check, "check"),
    post: validatePost(data),
    links: data.links === undefined || data.links === null ? DEFAULT_CONFIG.links : validateLinks(data.links, warnings),
    present: true,
  };
  if (data.sla === undefined || data.sla === null) return { config, warnings };
  return { config: { ...config, sla: validateServiceLevels(data.sla, config.priorities, warnings) }, warnings };
}

const SLA_KEYS = ["start-within", "done-within"] as const;

/** `sla: {high: {start-within: 4 working hours, done-within: 3 working days}, near-breach: 80%}`. */
function validateServiceLevels(value: JsonValue, priorities: readonly string[], warnings: string[]): NonNullable<Config["sla"]> {
  const map = asMapping(value, "sla");
  const byPriority = new Map<string, ServiceLevel>();
  let nearBreach = 0.8;
  for (const [key, setting] of Object.entries(map)) {
    if (key === "near-breach") {
      const match = typeof setting === "string" ? /^(\d{1,2}(?:\.\d{1,2})?)\s*%$/.exec(setting.trim()) : null;
      const percent = match ? Number(match[1]) : Number.NaN;
      if (!(percent >= 1 && percent <= 99)) throw new ConfigProblem("sla.near-breach", `"${String(setting)}" is not a percentage from 1% to 99%`, "write near-breach: 80%");
      nearBreach = percent / 100;
      continue;
    }
    if (!priorities.includes(key)) {
      throw new ConfigProblem(`sla.${key}`, `"${key}" is not a configured priority`, `the priorities are ${priorities.join(", ")} (priorities: in this file); near-breach: is the only other setting`);
    }
    if (setting === null) continue;
    const level = asMapping(setting, `sla.${key}`);
    for (const unknown of Object.keys(level).filter((k) => !(SLA_KEYS as readonly string[]).includes(k))) warnings.push(`${CONFIG_PATH}: unknown setting "sla.${key}.${unknown}" is ignored (use start-within or done-within)`);
    const span = (name: (typeof SLA_KEYS)[number]): ServiceLevel["startWithin"] => {
      const raw = level[name];
      if (raw === undefined || raw === null) return null;
      const parsed = parseWorkingDuration(typeof raw === "string" ? raw : "");
      if (!parsed) throw new ConfigProblem(`sla.${key}.${name}`, `"${String(raw)}" is not a span of working time`, `write ${name}: 4 working hours (or 3 working days)`);
      return parsed;
    };
    byPriority.set(key, { startWithin: span("start-within"), doneWithin: span("done-within") });
  }
  return { byPriority, nearBreach };
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

/** `review: {required-for: {priority: [high], labels: [security]}, waiting-after: 8 working hours}`. */
function validateReview(value: JsonValue, priorities: readonly string[], warnings: string[]): NonNullable<Config["review"]> {
  const map = asMapping(value, "review");
  for (const unknown of Object.keys(map).filter((k) => k !== "required-for" && k !== "waiting-after")) warnings.push(`${CONFIG_PATH}: unknown setting "review.${unknown}" is ignored`);
  let requiredFor: NonNullable<Config["review"]>["requiredFor"] = null;
  const required = map["required-for"];
  if (required !== undefined && required !== null) {
    const rule = asMapping(required, "review.required-for");
    for (const unknown of Object.keys(rule).filter((k) => k !== "priority" && k !== "labels")) {
      throw new ConfigProblem(`review.required-for.${unknown}`, "is not a setting of required-for", "write required-for: {priority: [high], labels: [security]}");
    }
    const list = (key: string): string[] => {
      const items = rule[key];
      if (items === undefined || items === null) return [];
      const array = Array.isArray(items) ? items : [items];
      return array.map((item, i) => {
        const at = `review.required-for.${key}${Array.isArray(items) ? `.${i + 1}` : ""}`;
        if (typeof item !== "string" || item.trim() === "") throw new ConfigProblem(at, `${JSON.stringify(item)} is not a ${key === "priority" ? "priority" : "label"}`, `write ${key}: [${key === "priority" ? "high" : "security"}]`);
        if (key === "priority" && !priorities.includes(item.trim())) throw new ConfigProblem(at, `"${item.trim()}" is not a configured priority`, `use one of: ${priorities.join(", ")}`);
        return item.trim();
      });
    };
    requiredFor = { priorities: list("priority"), labels: list("labels") };
  }
  const waiting = map["waiting-after"];
  if (waiting === undefined || waiting === null) return { requiredFor, waitingAfter: null };
  const waitingAfter = parseWorkingDuration(typeof waiting === "string" ? waiting : "");
  if (!waitingAfter) throw new ConfigProblem("review.waiting-after", `"${String(waiting)}" is not a span of working time`, "write waiting-after: 8 working hours (or 1 working day)");
  return { requiredFor, waitingAfter };
}

/** `claims: {lease: 3 working days}`. */
function validateClaims(value: JsonValue, warnings: string[]): NonNullable<Config["claims"]> {
  const map = asMapping(value, "claims");
  for (const unknown of Object.keys(map).filter((k) => k !== "lease")) warnings.push(`${CONFIG_PATH}: unknown setting "claims.${unknown}" is ignored`);
  if (map.lease === undefined || map.lease === null) return { lease: null };
  const lease = parseWorkingDuration(typeof map.lease === "string" ? map.lease : "");
  if (!lease) throw new ConfigProblem("claims.lease", `"${String(map.lease)}" is not a span of working time`, "write lease: 3 working days (or 16 working hours)");
  return { lease };
}

/** `holidays:` names `.ics` files in the repository: one path or a list of paths. */
function validateCalendars(value: JsonValue, key: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    const itemKey = Array.isArray(value) ? `${key}.${i + 1}` : key;
    const path = asText(item, itemKey);
    const segments = path.split("/");
    const bad = path.startsWith("/") || path.includes("\\") || segments.some((s) => s === "" || s === "." || s === ".." || !/^[A-Za-z0-9._ -]+$/.test(s)) || segments.some((s) => s.toLowerCase() === ".git");
    if (bad || !path.toLowerCase().endsWith(".ics")) {
      throw new ConfigProblem(itemKey, `"${path}" is not an .ics file inside the repository`, "name a calendar the team commits, e.g. holidays: .tasks/holidays/germany.ics");
    }
    return path;
  });
}

const DAY_MS = 86_400_000;
const MAX_AWAY_DAYS = 1100;
const AWAY_DATE = /^\d{4}-\d{2}-\d{2}$/;
const AWAY_LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/;

/** One end of an away period: a date (a whole local day) or a date-time, local to the person unless it has an offset. */
function awayInstant(value: string, zone: string, end: boolean, key: string): number {
  const hint = "write a date (2026-12-21), a local date-time (2026-12-21T13:00) or one with an offset (2026-12-21T13:00+01:00)";
  if (AWAY_DATE.test(value)) {
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) throw new ConfigProblem(key, `"${value}" is not a date`, hint);
    // A date range includes its last day: it ends where the next local day begins.
    return localToInstant(end ? new Date(ms + DAY_MS).toISOString().slice(0, 10) : value, 0, zone);
  }
  const local = AWAY_LOCAL.exec(value);
  if (local) {
    const date = local[1] as string;
    const minutes = Number(local[2]) * 60 + Number(local[3]);
    if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || minutes >= 24 * 60) throw new ConfigProblem(key, `"${value}" is not a date-time`, hint);
    return localToInstant(date, minutes, zone);
  }
  if (isIsoDateTime(value)) return Date.parse(value);
  throw new ConfigProblem(key, `"${value}" is not a date or a date-time`, hint);
}

/** `away:` entries: `2026-12-21..2027-01-03`, a single date, or `{from, to, note}`. */
function validateAway(value: JsonValue, zone: string, key: string): AwayPeriod[] {
  if (!Array.isArray(value)) throw new ConfigProblem(key, "must be a list of periods", "write away: [2026-12-21..2027-01-03] or a list of {from: …, to: …, note: …}");
  return value.map((item, i) => {
    const itemKey = `${key}.${i + 1}`;
    let from: string;
    let to: string;
    let note: string | null = null;
    if (typeof item === "string") {
      const parts = item.split("..").map((p) => p.trim());
      if (parts.length > 2 || parts.some((p) => p === "")) throw new ConfigProblem(itemKey, `"${item}" is not a period`, "write FROM..TO, e.g. 2026-12-21..2027-01-03");
      from = parts[0] as string;
      to = parts[1] ?? from;
    } else {
      const entry = asMapping(item, itemKey);
      for (const unknown of Object.keys(entry).filter((k) => !["from", "to", "note"].includes(k))) {
        throw new ConfigProblem(`${itemKey}.${unknown}`, "is not a setting of an away period", "use from, to and note");
      }
      from = asText(entry.from, `${itemKey}.from`);
      to = entry.to === undefined || entry.to === null ? from : asText(entry.to, `${itemKey}.to`);
      note = entry.note === undefined || entry.note === null ? null : asText(entry.note, `${itemKey}.note`);
    }
    const start = awayInstant(from, zone, false, itemKey);
    const end = awayInstant(to, zone, true, itemKey);
    if (end <= start) throw new ConfigProblem(itemKey, `the period ends (${to}) before it starts (${from})`, "write the earlier moment first: FROM..TO");
    if (end - start > MAX_AWAY_DAYS * DAY_MS) throw new ConfigProblem(itemKey, `the period is longer than ${MAX_AWAY_DAYS} days`, "split it, or end it at the date the person is expected back");
    return { from, to, note, start, end };
  });
}

function validateTeam(value: JsonValue, defaultZone: string, teamHolidays: readonly string[], warnings: string[]): Member[] {
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
    const away = entry.away === undefined || entry.away === null ? [] : validateAway(entry.away, timezone, `${key}.away`);
    const holidays = entry.holidays === undefined ? teamHolidays : entry.holidays === null ? [] : validateCalendars(entry.holidays, `${key}.holidays`);
    return { handle, name, emails, timezone, hours, days: [...new Set(days)].sort(), away, holidays };
  });
}

function literalUrls(value: JsonValue | undefined, key: string, underPost: boolean, found: string[]): void {
  if (typeof value === "string") {
    if (WEBHOOK_URL.test(value) || (underPost && /^\s*https?:\/\//i.test(value))) found.push(key);
  } else if (Array.isArray(value)) value.forEach((v, i) => literalUrls(v, `${key}.${i + 1}`, underPost, found));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) literalUrls(v, key === "" ? k : `${key}.${k}`, underPost || k === "post", found);
}

/**
 * `post:`: per target the name of the environment variable that holds its URL, and `timeout`
 * (seconds). A URL written here is not used, and `tasks check` reports it: the file is committed,
 * and whoever has a webhook's URL can post to it.
 */
function validatePost(data: Record<string, JsonValue>): PostConfig {
  const found: string[] = [];
  literalUrls(data, "", false, found);
  const raw = data.post;
  if (raw === undefined || raw === null) return { ...DEFAULT_POST, literalUrls: found };
  const map = asMapping(raw, "post");
  const variables: Record<string, string> = {};
  let timeoutSeconds: number | null = null;
  for (const [key, value] of Object.entries(map)) {
    if (key === "timeout") {
      if (typeof value !== "number" || !(value > 0 && value <= 600)) throw new ConfigProblem("post.timeout", "must be a number of seconds from 1 to 600", "write timeout: 10");
      timeoutSeconds = value;
    } else if (POST_TARGET_KEYS.has(key)) {
      if (found.includes(`post.${key}`)) continue;
      if (typeof value !== "string" || !VARIABLE.test(value)) {
        throw new ConfigProblem(`post.${key}`, "must be the name of an environment variable that holds the URL", `write ${key}: TEAM_${key.toUpperCase().replace("-", "_")}_WEBHOOK (and set that variable as a CI secret)`);
      }
      variables[key] = value;
    } else throw new ConfigProblem(`post.${key}`, "is not a setting of post:", "use timeout, slack, teams, discord, google-chat or webhook");
  }
  return { variables, timeoutSeconds, literalUrls: found };
}

/** The line of a setting (`["check", "stale", "days"]`) in `.tasks/config.yml`, else 1. */
export async function configLine(root: string, path: readonly string[], known?: string): Promise<number> {
  try {
    const text = known ?? (await readFile(join(root, CONFIG_PATH), "utf8"));
    const { lineOfKeyPath } = await loadStrictYaml();
    return lineOfKeyPath(text, path) ?? 1;
  } catch {
    return 1;
  }
}
