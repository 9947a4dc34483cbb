import { TasksError } from "../app/errors.js";
import { type Config, findMember } from "./config.js";
import { replaceInvisible } from "./invisible-characters.js";
import { FIELD, type FieldEdit, type JsonValue, type Problem, type Task } from "./task.js";

/**
 * `tasks import`: records read from another tracker, already in our vocabulary (status and
 * priority mapped by the reader), turned into a plan: which tasks to create, which to update, and
 * which people the roster does not know. Pure: the readers parse, this decides, the app writes.
 * A record is matched to a task by `source` + `source-id`, so a re-run updates, never duplicates.
 */

export const SOURCE_FIELD = { source: "source", sourceId: "source-id", sourceUrl: "source-url", aliases: "aliases", bodyHash: "source-body-hash" } as const;

// A line git would take for a conflict marker makes the whole file unreadable: indent it.
// An upstream `## Log` heading would take our log entries: it is renamed, so ours is the only log.
export const escapeMarkers = (body: string): string => body.replace(/^(<{7}|>{7}|\|{7}|={7})/gm, " $1").replace(/^## Log[ \t]*$/gm, "## Log (imported)");

/** The imported text of a record's body as it goes into the file, trimmed: what `source-body-hash` fingerprints. */
export function importedBody(body: string): string {
  return escapeMarkers(body).trim();
}

const LOG_HEADING = /^## Log[ \t]*\r?$/m;

/** The part of a task's body before its `## Log`: where an import put the upstream text, trimmed. */
export function bodyBeforeLog(body: string): string {
  const at = body.search(LOG_HEADING);
  return (at < 0 ? body : body.slice(0, at)).trim();
}

/**
 * The body rule of a re-run. `source-body-hash` holds the fingerprint of the body as last
 * imported. The local body is replaced by upstream's only when it still is what was imported
 * (nobody edited it here); when both changed, it is a conflict: reported, and the local text kept.
 */
function bodyPlan(task: Task, record: ImportRecord, hash: (text: string) => string): { body?: string; hashEdit?: string; conflict?: string } {
  const upstream = importedBody(record.body);
  const upstreamHash = hash(upstream);
  const localHash = hash(bodyBeforeLog(task.body));
  const stored = task.data[SOURCE_FIELD.bodyHash];
  const remember = (h: string): { hashEdit?: string } => (stored === h ? {} : { hashEdit: h });
  if (localHash === upstreamHash) return remember(upstreamHash);
  if (stored === localHash) return { body: upstream, hashEdit: upstreamHash };
  if (stored === upstreamHash) return {};
  return { conflict: typeof stored === "string" ? "the body was edited here and upstream since the last import" : "the body differs from upstream's, and which one changed is not recorded (imported before source-body-hash)" };
}

export interface ImportCriterion {
  readonly text: string;
  readonly met: boolean;
}

export interface ImportRecord {
  /** Where the record came from, for messages: a file path, `issue #12`, `row 4`. */
  readonly where: string;
  readonly sourceId: string;
  readonly url?: string | undefined;
  readonly title: string;
  readonly status: string;
  /** Logins, handles or emails, in upstream order; the first known one becomes the owner. */
  readonly people: readonly string[];
  readonly labels: readonly string[];
  readonly dod: readonly ImportCriterion[];
  /** Source ids of the records this one waits on. */
  readonly dependsOn: readonly string[];
  readonly due?: string | undefined;
  readonly priority?: string | undefined;
  readonly created?: string | undefined;
  readonly goal?: string | undefined;
  readonly aliases: readonly string[];
  readonly body: string;
}

export interface PlannedCreate {
  readonly record: ImportRecord;
  readonly id: string;
  readonly fields: readonly (readonly [string, JsonValue])[];
}

export interface PlannedUpdate {
  readonly record: ImportRecord;
  readonly task: Task;
  readonly edits: readonly FieldEdit[];
  /** Upstream's body (as it goes into the file), when it replaces the local one. */
  readonly body?: string;
}

export interface ImportConflict {
  readonly record: ImportRecord;
  readonly task: Task;
  readonly field: string;
  readonly message: string;
}

export interface ImportPlan {
  readonly source: string;
  readonly creates: readonly PlannedCreate[];
  readonly updates: readonly PlannedUpdate[];
  readonly unchanged: readonly { readonly record: ImportRecord; readonly task: Task }[];
  /** People named upstream whom the roster does not know (left out, never invented). */
  readonly unknownPeople: readonly string[];
  /** Changes made both here and upstream since the last import: left as they are here. */
  readonly conflicts: readonly ImportConflict[];
}

/** One line of text as data: control characters (terminal escapes, line breaks) become spaces. */
export function importLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").replace(/\s+/g, " ").trim();
}

/** An identity (label, login): one line, and no character no one sees. */
export function importIdentity(value: string): string {
  return importLine(replaceInvisible(value, () => "", { strict: true }));
}

export function badRecord(where: string, field: string, message: string, hint?: string): TasksError {
  return new TasksError("INVALID_VALUE", `${where}: ${message} (${field}); nothing was imported`, hint ? { hint } : {});
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  const empty = (v: JsonValue | undefined): boolean => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `hash` fingerprints imported bodies (sha-256 from the app); without it bodies are left alone on a re-run. */
export function planImport(source: string, records: readonly ImportRecord[], existing: readonly Task[], config: Config, newId: () => string, hash?: (text: string) => string): ImportPlan {
  const bySourceId = new Map<string, Task>();
  for (const task of existing) {
    const id = task.data[SOURCE_FIELD.sourceId];
    if (task.data[SOURCE_FIELD.source] === source && typeof id === "string") bySourceId.set(id, task);
  }
  const seen = new Set<string>();
  const idFor = new Map<string, string>();
  for (const record of records) {
    if (seen.has(record.sourceId)) throw badRecord(record.where, "id", `${record.sourceId} appears twice in the input`, "each record must have its own id");
    seen.add(record.sourceId);
    idFor.set(record.sourceId, bySourceId.get(record.sourceId)?.id ?? newId());
  }
  const unknown = new Set<string>();
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  const unchanged: { record: ImportRecord; task: Task }[] = [];
  const conflicts: ImportConflict[] = [];
  for (const record of records) {
    const known = record.people.map((p) => findMember(config, p)?.handle);
    record.people.forEach((p, i) => known[i] === undefined && unknown.add(p));
    const owner = known.find((h) => h !== undefined);
    const dependsOn = record.dependsOn.map((dep) => {
      const id = idFor.get(dep) ?? bySourceId.get(dep)?.id;
      if (id === undefined) throw badRecord(record.where, "depends-on", `depends on ${dep}, which is neither in the input nor imported before`, "import the record it depends on too");
      return id;
    });
    const desired: [string, JsonValue | undefined][] = [
      [FIELD.title, record.title],
      [FIELD.status, record.status],
      [FIELD.owner, owner],
      [FIELD.due, record.due],
      [FIELD.priority, record.priority],
      [FIELD.labels, [...record.labels]],
      [FIELD.dependsOn, dependsOn],
      [FIELD.goal, record.goal],
      [FIELD.definitionOfDone, record.dod.map((c) => c.text)],
      [SOURCE_FIELD.aliases, [...record.aliases]],
      [SOURCE_FIELD.source, source],
      [SOURCE_FIELD.sourceId, record.sourceId],
      [SOURCE_FIELD.sourceUrl, record.url],
    ];
    const task = bySourceId.get(record.sourceId);
    if (task === undefined && hash) desired.push([SOURCE_FIELD.bodyHash, hash(importedBody(record.body))]);
    if (task === undefined) {
      const id = idFor.get(record.sourceId) as string;
      const fields: [string, JsonValue][] = [[FIELD.id, id]];
      for (const [key, value] of desired) {
        if (key === SOURCE_FIELD.aliases && record.created !== undefined) fields.push([FIELD.created, record.created]);
        if (!sameValue(value, undefined)) fields.push([key, value as JsonValue]);
      }
      creates.push({ record, id, fields });
      continue;
    }
    // An owner upstream the roster does not know leaves ours alone (someone may have claimed it).
    const edits: FieldEdit[] = desired
      .filter(([key, value]) => !(key === FIELD.owner && value === undefined && record.people.length > 0))
      .filter(([key, value]) => !sameValue(task.data[key], value))
      .map(([key, value]) => ({ key, value: sameValue(value, undefined) ? undefined : value }));
    const body = hash ? bodyPlan(task, record, hash) : {};
    if (body.hashEdit !== undefined) edits.push({ key: SOURCE_FIELD.bodyHash, value: body.hashEdit });
    if (body.conflict !== undefined) conflicts.push({ record, task, field: "body", message: body.conflict });
    if (edits.length === 0) unchanged.push({ record, task });
    else updates.push({ record, task, edits, ...(body.body !== undefined ? { body: body.body } : {}) });
  }
  return { source, creates, updates, unchanged, unknownPeople: [...unknown].sort(), conflicts };
}

/** A file in the tasks folder that could not be read as a task, with its raw text. */
export interface UnreadableFile {
  readonly problem: Problem;
  readonly text: string;
}

export interface BrokenTwin {
  readonly create: PlannedCreate;
  readonly file: UnreadableFile;
  /** 1-based line of the `source-id:` line in the broken file. */
  readonly sourceIdLine: number;
}

const KEY_LINE = /^[ \t]*(source|source-id)[ \t]*:[ \t]*(.*?)[ \t]*\r?$/gm;

const unquote = (value: string): string => value.replace(/^(["'])(.*)\1$/, "$2");

/**
 * Records the plan would create while an unreadable file (bad YAML from a hand edit, conflict
 * markers) names the same `source-id` in its raw text: the task is there, only broken, and
 * creating it again would leave two. A file whose `source:` names another tracker is no twin; a
 * file whose `source:` line is missing or unreadable counts (the safe side: nothing is written).
 */
export function brokenTwins(source: string, creates: readonly PlannedCreate[], files: readonly UnreadableFile[]): BrokenTwin[] {
  const holders = new Map<string, { file: UnreadableFile; line: number }>();
  for (const file of files) {
    const ids: { id: string; line: number }[] = [];
    let otherSource = false;
    for (const match of file.text.matchAll(KEY_LINE)) {
      const value = unquote(match[2] ?? "");
      if (match[1] === "source") {
        if (value !== "" && value !== source) otherSource = true;
      } else if (value !== "") ids.push({ id: value, line: file.text.slice(0, match.index).split("\n").length });
    }
    if (otherSource) continue;
    for (const { id, line } of ids) if (!holders.has(id)) holders.set(id, { file, line });
  }
  const twins: BrokenTwin[] = [];
  for (const create of creates) {
    const holder = holders.get(create.record.sourceId);
    if (holder) twins.push({ create, file: holder.file, sourceIdLine: holder.line });
  }
  return twins;
}
