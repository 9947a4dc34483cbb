import { type Category, type Config, categoryOf, zoneFor } from "./config.js";
import { type MergeText, mergeBody, newestAddedEntry } from "./merge-body.js";
import { FIELD, type FieldEdit, type JsonValue } from "./task.js";
import { isDueValue } from "./task-schema.js";
import { dueMoment } from "./time.js";

/**
 * The field-level three-way merge of a task (the merge driver and `tasks sync` use it). Pure.
 *
 * A field changed on one side only takes that change. A field changed on both sides to the same
 * value is that value. A field changed on both sides differently follows a rule (docs/sync.md):
 *   - lists (labels, depends-on, definition-of-done, any list): additions and removals of both sides
 *   - owner, id: a conflict (two people must not both believe they hold a task)
 *   - status: the one furthest along wins: closed > blocked > active > open, and within a
 *     category the later status in the configured order
 *   - priority: the higher wins (configured order); due: the earlier wins (a cleared due loses)
 *   - anything else (title, reviewer, goal, …): the side whose newest new log entry is later
 *     wins; if that cannot decide, a conflict
 * The body merges as text by git's own three-way merge (`mergeText`, handed in: this layer runs
 * no process), with the `## Log` entries of both sides kept in time order.
 */

export interface TaskVersion {
  readonly data: Readonly<Record<string, JsonValue>>;
  readonly body: string;
}

export interface FieldConflict {
  readonly key: string;
  readonly ours: JsonValue | undefined;
  readonly theirs: JsonValue | undefined;
}

export interface ResolvedField {
  readonly key: string;
  readonly value: JsonValue | undefined;
  /** Which rule decided it, for messages: "theirs", "lists", "status", … */
  readonly rule: string;
}

export interface TaskMerge {
  /** Edits to apply to ours to get the merged frontmatter (conflicting keys keep ours). */
  readonly edits: readonly FieldEdit[];
  readonly conflicts: readonly FieldConflict[];
  /** Fields both sides changed differently that a rule settled. */
  readonly resolved: readonly ResolvedField[];
  readonly body: string;
  readonly bodyConflicted: boolean;
}

const PRECEDENCE: readonly Category[] = ["open", "active", "blocked", "closed"];
const CONFLICTING_FIELDS = new Set<string>([FIELD.owner, FIELD.id]);

export function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isList(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || Array.isArray(value);
}

function asList(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/** Ours, minus what theirs removed from base, plus what theirs added (once). */
export function mergeLists(base: JsonValue | undefined, ours: JsonValue | undefined, theirs: JsonValue | undefined): JsonValue[] {
  const key = (v: JsonValue): string => JSON.stringify(v);
  const b = asList(base).map(key);
  const t = asList(theirs).map(key);
  const removed = b.filter((item, i) => b.indexOf(item) === i && !t.includes(item));
  const result = asList(ours).filter((item) => !removed.includes(key(item)));
  for (const item of asList(theirs)) {
    if (!b.includes(key(item)) && !result.some((r) => key(r) === key(item))) result.push(item);
  }
  return result;
}

function statusRank(config: Config, status: JsonValue | undefined): number {
  if (typeof status !== "string") return -2;
  const category = categoryOf(config, status);
  if (category === undefined) return -1;
  return PRECEDENCE.indexOf(category) * 1000 + config.statuses.findIndex((s) => s.name === status);
}

function dueRank(config: Config, due: JsonValue | undefined, owner: JsonValue | undefined): number | undefined {
  if (due === null || due === undefined) return Number.POSITIVE_INFINITY;
  if (typeof due !== "string" || !isDueValue(due)) return undefined;
  const moment = dueMoment(due, zoneFor(config, typeof owner === "string" ? owner : null));
  return moment.isValid ? moment.toMillis() : undefined;
}

type Pick = "ours" | "theirs" | "conflict";

function byRank(ours: number | undefined, theirs: number | undefined, higherWins: boolean): Pick {
  if (ours === undefined || theirs === undefined || ours === theirs) return "conflict";
  return ours > theirs === higherWins ? "ours" : "theirs";
}

interface Context {
  readonly config: Config;
  readonly base: TaskVersion;
  readonly ours: TaskVersion;
  readonly theirs: TaskVersion;
}

function pickScalar(key: string, ours: JsonValue | undefined, theirs: JsonValue | undefined, context: Context): { pick: Pick; rule: string } {
  const { config } = context;
  if (CONFLICTING_FIELDS.has(key)) return { pick: "conflict", rule: key };
  if (key === FIELD.status) return { pick: byRank(statusRank(config, ours), statusRank(config, theirs), true), rule: "status" };
  if (key === FIELD.priority) {
    const rank = (v: JsonValue | undefined): number | undefined => (typeof v === "string" && config.priorities.includes(v) ? config.priorities.indexOf(v) : undefined);
    return { pick: byRank(rank(ours), rank(theirs), true), rule: "priority" };
  }
  if (key === FIELD.due) {
    const owner = (side: TaskVersion): JsonValue | undefined => side.data[FIELD.owner];
    return { pick: byRank(dueRank(config, ours, owner(context.ours)), dueRank(config, theirs, owner(context.theirs)), false), rule: "due" };
  }
  const oursAt = newestAddedEntry(context.base.body, context.ours.body);
  const theirsAt = newestAddedEntry(context.base.body, context.theirs.body);
  return { pick: byRank(oursAt, theirsAt, true), rule: "later log entry" };
}

function keyOrder(...sides: TaskVersion[]): string[] {
  const keys: string[] = [];
  for (const side of sides) for (const key of Object.keys(side.data)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

export async function mergeTaskVersions(base: TaskVersion, ours: TaskVersion, theirs: TaskVersion, config: Config, mergeText: MergeText): Promise<TaskMerge> {
  const context: Context = { config, base, ours, theirs };
  const edits: FieldEdit[] = [];
  const conflicts: FieldConflict[] = [];
  const resolved: ResolvedField[] = [];
  for (const key of keyOrder(ours, theirs, base)) {
    const [b, o, t] = [base.data[key], ours.data[key], theirs.data[key]];
    if (sameValue(o, t) || sameValue(t, b)) continue;
    if (sameValue(o, b)) {
      edits.push({ key, value: t });
      continue;
    }
    if (isList(b) && isList(o) && isList(t) && (Array.isArray(o) || Array.isArray(t))) {
      const merged = mergeLists(b, o, t);
      const value = merged.length === 0 && o === undefined ? undefined : merged;
      if (!sameValue(value, o)) edits.push({ key, value });
      resolved.push({ key, value, rule: "lists" });
      continue;
    }
    const { pick, rule } = pickScalar(key, o, t, context);
    if (pick === "conflict") conflicts.push({ key, ours: o, theirs: t });
    else {
      if (pick === "theirs") edits.push({ key, value: t });
      resolved.push({ key, value: pick === "theirs" ? t : o, rule });
    }
  }
  const body = await mergeBody(base.body, ours.body, theirs.body, mergeText);
  return { edits, conflicts, resolved, body: body.text, bodyConflicted: body.conflicted };
}
