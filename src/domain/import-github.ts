import { type Config, firstStatusOf, statusNames } from "./config.js";
import { badRecord, importIdentity, importLine, type ImportRecord } from "./import-plan.js";

/**
 * The JSON `gh issue list --json number,title,body,state,assignees,labels,milestone,createdAt,closedAt,url,author`
 * prints, as import records. Open issues get the first open status, closed ones the first closed
 * one (or what `--status CLOSED=dropped` says); the milestone's title becomes the goal; the issue
 * number is the source id, and `gh-<number>` an alias, so `tasks show gh-12` finds it.
 */

type Json = Record<string, unknown>;

function field(issue: Json, key: string, where: string, kind: "string" | "number" | "array" | "object", required = false): unknown {
  const value = issue[key];
  if (value === undefined || value === null) {
    if (required) throw badRecord(where, key, `has no ${key}`, "export with gh issue list --json number,title,body,state,assignees,labels,milestone,createdAt,closedAt,url,author");
    return undefined;
  }
  const ok = kind === "array" ? Array.isArray(value) : kind === "object" ? typeof value === "object" && !Array.isArray(value) : typeof value === kind;
  if (!ok) throw badRecord(where, key, `${key} must be ${kind === "array" ? "a list" : `a ${kind}`}`);
  return value;
}

function names(list: unknown, key: string, where: string, field: string): string[] {
  if (list === undefined) return [];
  return (list as unknown[]).map((item, i) => {
    const value = item !== null && typeof item === "object" ? (item as Json)[key] : undefined;
    if (typeof value !== "string") throw badRecord(`${where}, ${field} ${i + 1}`, field, `has no ${key}`);
    return importIdentity(value);
  }).filter(Boolean);
}

function statusFor(config: Config, state: string, where: string, statusMap: ReadonlyMap<string, string>): string {
  const mapped = statusMap.get(state) ?? statusMap.get(state.toLowerCase()) ?? (state === "OPEN" ? firstStatusOf(config, "open") : state === "CLOSED" ? firstStatusOf(config, "closed") : undefined);
  if (mapped === undefined || !statusNames(config).includes(mapped)) {
    throw badRecord(where, "state", `state "${importLine(state)}" has no match here`, `map it: --status "${importLine(state)}=<one of ${statusNames(config).join(", ")}>"`);
  }
  return mapped;
}

export function parseGithubIssues(text: string, input: string, config: Config, statusMap: ReadonlyMap<string, string>): ImportRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw badRecord(input, "json", `is not JSON: ${importLine((error as Error).message)}`, "give the output of gh issue list --json …");
  }
  if (!Array.isArray(data)) throw badRecord(input, "json", "is not a list of issues", "give the output of gh issue list --json … (a JSON array)");
  return data.map((item: unknown, index): ImportRecord => {
    const at = `${input}: issue ${index + 1}`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) throw badRecord(at, "issue", "is not an object");
    const issue = item as Json;
    const number = field(issue, "number", at, "number", true) as number;
    if (!Number.isInteger(number) || number < 1) throw badRecord(at, "number", "number must be a positive whole number");
    const where = `${input}: issue #${number}`;
    const title = importLine(field(issue, "title", where, "string", true) as string);
    if (title === "") throw badRecord(where, "title", "has an empty title");
    const milestone = field(issue, "milestone", where, "object") as Json | undefined;
    const goal = typeof milestone?.title === "string" ? importIdentity(milestone.title) : undefined;
    const created = field(issue, "createdAt", where, "string") as string | undefined;
    if (created !== undefined && Number.isNaN(Date.parse(created))) throw badRecord(where, "createdAt", `"${importLine(created)}" is not a date-time`);
    const url = field(issue, "url", where, "string") as string | undefined;
    if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) throw badRecord(where, "url", "url must be an http(s) address");
    return {
      where,
      sourceId: String(number),
      url,
      title,
      status: statusFor(config, field(issue, "state", where, "string", true) as string, where, statusMap),
      people: names(field(issue, "assignees", where, "array"), "login", where, "assignees"),
      labels: names(field(issue, "labels", where, "array"), "name", where, "labels"),
      dod: [],
      dependsOn: [],
      created: created === undefined ? undefined : new Date(created).toISOString().replace(/\.000Z$/, "Z"),
      goal: goal || undefined,
      aliases: [`gh-${number}`],
      body: ((field(issue, "body", where, "string") as string | undefined) ?? "").replace(/\r\n?/g, "\n").trim(),
    };
  });
}
