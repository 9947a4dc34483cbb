/**
 * Kept zone tables: the bridge between time.ts, which works out each zone's offsets per calendar
 * year, and a cache the shell keeps between runs (`.git/tasks-cache/zones-*.json`). It lives apart
 * from time.ts so that installing the cache loads neither luxon nor the tables for a command that
 * never converts a time. Pure: the shell hands in the reading and writing.
 */

/** Offsets in minutes; transitions as [instant in ms, offset after it], in time order. */
export interface ZoneYearData {
  readonly initial: number;
  readonly transitions: readonly (readonly [number, number])[];
}

/** Keyed `<zone>|<year>`. */
export type ZoneTablesSnapshot = Record<string, ZoneYearData>;

export interface ZoneTableStore {
  /** The kept tables, or anything at all when the file is damaged (each entry is checked). */
  load(): unknown;
  save(snapshot: ZoneTablesSnapshot): void;
}

let store: ZoneTableStore | undefined;
let snapshotOf: (() => { snapshot: ZoneTablesSnapshot; changed: boolean }) | undefined;

export function useZoneTableStore(next: ZoneTableStore | undefined): void {
  store = next;
}

export function zoneTableStore(): ZoneTableStore | undefined {
  return store;
}

/** Called by time.ts when it loads. */
export function registerZoneTables(snapshot: () => { snapshot: ZoneTablesSnapshot; changed: boolean }): void {
  snapshotOf = snapshot;
}

/** Saves the tables worked out in this run, if any were and a store is installed. */
export function keepZoneTables(): void {
  const current = snapshotOf?.();
  if (current?.changed && store) store.save(current.snapshot);
}

const MAX_OFFSET_MINUTES = 24 * 60;

/** One kept entry, if it is well formed for that year: else undefined and it is worked out again. */
export function checkZoneYear(value: unknown, start: number, end: number): ZoneYearData | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const { initial, transitions } = value as { initial?: unknown; transitions?: unknown };
  const isOffset = (n: unknown): n is number => Number.isInteger(n) && Math.abs(n as number) <= MAX_OFFSET_MINUTES;
  if (!isOffset(initial) || !Array.isArray(transitions) || transitions.length > 64) return undefined;
  let previous = start;
  for (const t of transitions as unknown[]) {
    if (!Array.isArray(t) || t.length !== 2 || !Number.isInteger(t[0]) || !isOffset(t[1])) return undefined;
    if ((t[0] as number) < previous || (t[0] as number) >= end) return undefined;
    previous = t[0] as number;
  }
  return { initial, transitions: transitions as [number, number][] };
}
