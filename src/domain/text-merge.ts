/**
 * A line-based three-way merge (diff3), the way git merges text: changes made on one side are
 * taken, identical changes on both sides are taken once, and different changes to the same (or
 * adjacent) lines are a conflict. Used for task bodies and, when a file cannot be read as a task,
 * for the whole file. Pure and bounded: a diff whose table would exceed MAX_CELLS lines×lines
 * treats the differing middle as one change.
 */

export type MergeRegion =
  | { readonly kind: "ok"; readonly lines: readonly string[] }
  | { readonly kind: "conflict"; readonly ours: readonly string[]; readonly base: readonly string[]; readonly theirs: readonly string[] };

interface Hunk {
  readonly baseStart: number;
  readonly baseEnd: number;
  readonly sideStart: number;
  readonly sideEnd: number;
}

const MAX_CELLS = 4_000_000;

/** Pairs of matching line indexes (a longest common subsequence) between `a[lo..]` and `b[lo..]`. */
function matchMiddle(a: readonly string[], b: readonly string[], aLo: number, aHi: number, bLo: number, bHi: number): [number, number][] {
  const n = aHi - aLo;
  const m = bHi - bLo;
  if (n === 0 || m === 0 || n * m > MAX_CELLS) return [];
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[aLo + i] === b[bLo + j] ? (table[(i + 1) * width + j + 1] as number) + 1 : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[aLo + i] === b[bLo + j]) {
      pairs.push([aLo + i, bLo + j]);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
    else j++;
  }
  return pairs;
}

/** The changes that turn `base` into `side`, as hunks over base positions. */
export function diffHunks(base: readonly string[], side: readonly string[]): Hunk[] {
  let lo = 0;
  while (lo < base.length && lo < side.length && base[lo] === side[lo]) lo++;
  let baseHi = base.length;
  let sideHi = side.length;
  while (baseHi > lo && sideHi > lo && base[baseHi - 1] === side[sideHi - 1]) {
    baseHi--;
    sideHi--;
  }
  const matches: [number, number][] = [[lo - 1, lo - 1], ...matchMiddle(base, side, lo, baseHi, lo, sideHi), [baseHi, sideHi]];
  const hunks: Hunk[] = [];
  for (let k = 1; k < matches.length; k++) {
    const [pb, ps] = matches[k - 1] as [number, number];
    const [nb, ns] = matches[k] as [number, number];
    if (nb > pb + 1 || ns > ps + 1) hunks.push({ baseStart: pb + 1, baseEnd: nb, sideStart: ps + 1, sideEnd: ns });
  }
  return hunks;
}

interface Tagged extends Hunk {
  readonly side: 0 | 1;
}

/** The lines of `side` that cover base lines [lo, hi), given that side's hunks inside that span. */
function sideSpan(side: readonly string[], hunks: readonly Tagged[], lo: number, hi: number, base: readonly string[]): string[] {
  if (hunks.length === 0) return base.slice(lo, hi);
  const first = hunks[0] as Tagged;
  const last = hunks[hunks.length - 1] as Tagged;
  return side.slice(first.sideStart - (first.baseStart - lo), last.sideEnd + (hi - last.baseEnd));
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

export function diff3Merge(base: readonly string[], ours: readonly string[], theirs: readonly string[]): MergeRegion[] {
  const tagged: Tagged[] = [
    ...diffHunks(base, ours).map((h) => ({ ...h, side: 0 as const })),
    ...diffHunks(base, theirs).map((h) => ({ ...h, side: 1 as const })),
  ].sort((x, y) => x.baseStart - y.baseStart || x.side - y.side);
  const regions: MergeRegion[] = [];
  const push = (region: MergeRegion): void => {
    const previous = regions[regions.length - 1];
    if (region.kind === "ok" && region.lines.length === 0) return;
    if (region.kind === "ok" && previous?.kind === "ok") regions[regions.length - 1] = { kind: "ok", lines: [...previous.lines, ...region.lines] };
    else regions.push(region);
  };
  let cursor = 0;
  let index = 0;
  while (index < tagged.length) {
    const group: Tagged[] = [tagged[index] as Tagged];
    let lo = group[0]!.baseStart;
    let hi = group[0]!.baseEnd;
    index++;
    // Hunks from the other side that touch or overlap the group join it: git treats changes to
    // adjacent lines as one conflict too.
    while (index < tagged.length) {
      const next = tagged[index] as Tagged;
      const overlaps = next.baseStart < hi || (next.baseStart === hi && group.some((g) => g.side !== next.side));
      if (!overlaps) break;
      group.push(next);
      hi = Math.max(hi, next.baseEnd);
      lo = Math.min(lo, next.baseStart);
      index++;
    }
    push({ kind: "ok", lines: base.slice(cursor, lo) });
    const oursSide = sideSpan(ours, group.filter((g) => g.side === 0), lo, hi, base);
    const theirsSide = sideSpan(theirs, group.filter((g) => g.side === 1), lo, hi, base);
    const baseSide = base.slice(lo, hi);
    if (!group.some((g) => g.side === 1)) push({ kind: "ok", lines: oursSide });
    else if (!group.some((g) => g.side === 0)) push({ kind: "ok", lines: theirsSide });
    else if (sameLines(oursSide, theirsSide)) push({ kind: "ok", lines: oursSide });
    else push({ kind: "conflict", ours: oursSide, base: baseSide, theirs: theirsSide });
    cursor = hi;
  }
  push({ kind: "ok", lines: base.slice(cursor) });
  return regions;
}

export interface TextMerge {
  readonly lines: readonly string[];
  readonly conflicts: number;
}

/** Flattens regions into lines; conflicts get git's standard markers (`<<<<<<< ours` …). */
export function renderRegions(regions: readonly MergeRegion[], labels: { ours: string; theirs: string }, lineEnd = ""): TextMerge {
  const lines: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.kind === "ok") {
      lines.push(...region.lines);
      continue;
    }
    conflicts++;
    lines.push(`<<<<<<< ${labels.ours}${lineEnd}`, ...region.ours, `=======${lineEnd}`, ...region.theirs, `>>>>>>> ${labels.theirs}${lineEnd}`);
  }
  return { lines, conflicts };
}

/** Merges three texts line by line. `\r\n` files keep their line ends, markers included. */
export function mergeText(base: string, ours: string, theirs: string, labels = { ours: "ours", theirs: "theirs" }): { text: string; conflicts: number } {
  const lineEnd = ours.includes("\r\n") ? "\r" : "";
  const merged = renderRegions(diff3Merge(base.split("\n"), ours.split("\n"), theirs.split("\n")), labels, lineEnd);
  return { text: merged.lines.join("\n"), conflicts: merged.conflicts };
}
