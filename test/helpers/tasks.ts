import type { CheckContext, HistoryFacts, TaskHistoryFacts } from "../../src/checks/rule.js";
import { type Config, DEFAULT_CONFIG, DEFAULT_DAYS, DEFAULT_HOURS, type Member } from "../../src/domain/config.js";
import type { JsonValue, Problem, Task } from "../../src/domain/task.js";
import { isProblem, validateTask } from "../../src/domain/task-schema.js";

/**
 * Tasks and check contexts for unit tests, built through the real validator so a fixture can
 * never be a Task the reader would not produce. Line numbers follow key order from line 2, as in
 * a file that starts with `---`.
 */

export const NOW = new Date("2026-11-20T09:00:00Z"); // a Friday

export function makeTask(fields: Record<string, JsonValue>, path?: string): Task {
  const data: Record<string, JsonValue> = { id: "aaaaa", title: "A task", status: "todo", ...fields };
  const lines = Object.fromEntries(Object.keys(data).map((key, index) => [key, index + 2]));
  const result = validateTask({ path: path ?? `tasks/2026-11/${String(data.id)}-task.md`, data, lines, body: "" });
  if (isProblem(result)) throw new Error(`fixture is not a valid task: ${result.message}`);
  return result;
}

export function member(handle: string, timezone: string, extra: Partial<Member> = {}): Member {
  return { handle, name: null, emails: [`${handle}@example.com`], timezone, hours: DEFAULT_HOURS, days: DEFAULT_DAYS, ...extra };
}

export function configWith(extra: Partial<Config> = {}): Config {
  return { ...DEFAULT_CONFIG, ...extra };
}

export function historyFacts(since: string, byPath: Record<string, Partial<TaskHistoryFacts>> = {}, uncommitted: string[] = []): HistoryFacts {
  const map = new Map(Object.entries(byPath).map(([path, facts]) => [path, { lastChange: null, blockedSince: null, ...facts }]));
  return { since, byPath: map, uncommitted: new Set(uncommitted) };
}

export function context(parts: { tasks?: Task[]; problems?: Problem[]; config?: Config; now?: Date; history?: HistoryFacts }): CheckContext {
  return {
    tasks: parts.tasks ?? [],
    problems: parts.problems ?? [],
    config: parts.config ?? DEFAULT_CONFIG,
    now: parts.now ?? NOW,
    ...(parts.history ? { history: parts.history } : {}),
  };
}
