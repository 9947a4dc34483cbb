import type { Context, Emitter, FilterImplOptions, Liquid, Template, ValueToken } from "liquidjs";

/**
 * The limits a template from someone else's commit renders within. LiquidJS counts what its own
 * filters read; left at that, a template still grew a string without bound by writing it twice
 * into a `{% capture %}` (590-860 MB before the time limit stopped it), turned a range of ten
 * million into 280 MB, and nested `push` into lists whose text is exponential. Here one budget per
 * render is charged by everything that allocates: every write into the note or a capture, every
 * filter's result (refused up front when a filter could multiply its input past what is left),
 * every range, every list a loop copies, every new `{% cycle %}` group, the text of a printed
 * list as it is built. It counts one unit per character and eight per list item (a pointer), so
 * "10 MB" is close to what the heap really holds. Past a limit the render stops with a LimitError
 * naming it; docs/templates.md (Limits) is the user's version of this.
 */

/** Everything a render may allocate, summed over the render (garbage included). */
export const MEMORY_LIMIT = 10_000_000;
/** The largest note a template may produce (characters). */
export const MAX_OUTPUT_CHARS = 1024 * 1024;
/** How long a render may take (Liquid's renderLimit). */
export const TIME_LIMIT_MS = 2_000;
/** What a list item costs: the pointer a list holds for it. */
export const ITEM_COST = 8;

export type LimitName = "memory" | "output";

export class LimitError extends Error {
  constructor(readonly limit: LimitName) {
    super(limit === "memory" ? "the template allocated more than 10 MB (the memory limit)" : "the note grew larger than 1 MB (the output limit)");
    this.name = "LimitError";
  }
}

/**
 * One render's memory budget, in the shape of Liquid's Limiter so Liquid charges it too. Liquid
 * calls `use` from its filters (characters, or items of their input) and, outside any filter, only
 * for a range, which becomes a list of numbers: that counts as items.
 */
export class MemoryBudget {
  used = 0;
  private inFilter = 0;

  use(count: number): void {
    this.charge(this.inFilter > 0 ? +count : +count * ITEM_COST);
  }

  check(): void {
    // Liquid calls this on the time limiter only.
  }

  charge(count: number): void {
    if (!(count > 0)) return;
    if (this.used + count > MEMORY_LIMIT) throw new LimitError("memory");
    this.used += count;
  }

  /** Refuses up front what could not fit: for a filter whose result may be many times its input. */
  expect(count: number): void {
    if (this.used + count > MEMORY_LIMIT) throw new LimitError("memory");
  }

  duringFilter<T>(run: () => T): T {
    this.inFilter++;
    try {
      return run();
    } finally {
      this.inFilter--;
    }
  }
}

export function budgetOf(context: Context): MemoryBudget {
  return context.memoryLimit as unknown as MemoryBudget;
}

/** A value's cost: its characters, or for a list its items (nested lists too) plus their text. Stops counting once past `cap`. */
export function valueCost(value: unknown, cap = MEMORY_LIMIT): number {
  if (typeof value === "string") return value.length;
  if (!Array.isArray(value)) return 0;
  let cost = 0;
  // A list may hold itself many times over (`push` a list onto itself): counted as often as it
  // would be printed, which is what makes it dangerous.
  const lists: unknown[][] = [value];
  while (lists.length > 0 && cost <= cap) {
    const list = lists.pop() as unknown[];
    cost += list.length * ITEM_COST;
    for (let i = 0; i < list.length && cost <= cap; i++) {
      const item = list[i];
      if (typeof item === "string") cost += item.length;
      else if (Array.isArray(item)) lists.push(item);
    }
  }
  return cost;
}

/**
 * What Liquid's emitter writes for a value: text as is, nothing for nil, lists joined. A list is
 * joined piece by piece, each piece charged, so a list whose text would be huge stops early.
 */
export function outputText(value: unknown, toValue: (v: unknown) => unknown, budget?: MemoryBudget): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (!Array.isArray(value)) return String(value);
  const pieces: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = toValue(stack.pop());
    budget?.charge(1);
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      continue;
    }
    const piece = typeof item === "string" ? item : item === null || item === undefined ? "" : String(item);
    budget?.charge(piece.length);
    pieces.push(piece);
  }
  return pieces.join("");
}

/** Collects what a template writes, charging every write; the note's own emitter also stops at 1 MB. */
export class BudgetEmitter implements Emitter {
  private text = "";
  private pieces: string[] = [];
  private length = 0;

  constructor(
    private readonly budget: MemoryBudget,
    private readonly toValue: (v: unknown) => unknown,
    private readonly maxChars = Infinity,
  ) {}

  write(value: unknown): void {
    const text = outputText(this.toValue(value), this.toValue, this.budget);
    this.budget.charge(text.length);
    this.length += text.length;
    // Liquid adds the line and column to what is thrown here.
    if (this.length > this.maxChars) throw new LimitError("output");
    this.pieces.push(text);
    // Joined now and then: a string grown by a million one-character `+=` is a million 32-byte nodes.
    if (this.pieces.length >= 512) this.flush();
  }

  get buffer(): string {
    this.flush();
    return this.text;
  }

  private flush(): void {
    if (this.pieces.length === 0) return;
    this.text += this.pieces.join("");
    this.pieces = [];
  }
}

/** How many characters a filter's result may have per character of its input, where that is more than one (a list item per character for those that split). */
const GROWTH: Readonly<Record<string, number>> = {
  escape: 5, xml_escape: 5, escape_once: 5, newline_to_br: 7, url_encode: 9, cgi_escape: 9, uri_escape: 9, base64_encode: 4,
  upcase: 3, capitalize: 3, downcase: 2, slugify: 2,
  split: ITEM_COST, replace: ITEM_COST, remove: ITEM_COST, truncatewords: ITEM_COST, number_of_words: ITEM_COST, sample: ITEM_COST,
};

/**
 * Filters that read each item through a property path (`map: "owner.name"`) or an expression
 * (`where_exp: "t", "t.due < '2026-12-01'"`), and the position of that argument. Both are text made
 * at render time, parsed and walked once per item inside a single filter call, where the time
 * limit is not checked: a 650 KB expression over a hundred items ran for 49 s.
 */
const PER_ITEM_ARGUMENT: Readonly<Record<string, number>> = {
  map: 1, sum: 1, sort: 1, sort_natural: 1, where: 1, reject: 1, group_by: 1, has: 1, find: 1, find_index: 1,
  where_exp: 2, reject_exp: 2, group_by_exp: 2, has_exp: 2, find_exp: 2, find_index_exp: 2,
};

type FilterHandler = (this: { context: Context }, ...args: unknown[]) => unknown;

function isIterator(value: unknown): value is Iterator<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { next?: unknown }).next === "function";
}

function textLength(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (typeof value === "number" || typeof value === "boolean") return String(value).length;
  return Array.isArray(value) ? valueCost(value) : 0;
}

function chargedFilter(name: string, handler: FilterHandler): FilterHandler {
  const growth = GROWTH[name] ?? 1;
  const perItem = PER_ITEM_ARGUMENT[name];
  return function (this: { context: Context }, ...args: unknown[]) {
    const budget = budgetOf(this.context);
    if (growth > 1) budget.expect(textLength(args[0]) * growth);
    if (perItem !== undefined) budget.charge(textLength(args[perItem]) * ((Array.isArray(args[0]) ? args[0].length : 1) + 1));
    const settle = (result: unknown): unknown => {
      budget.charge(valueCost(result, MEMORY_LIMIT - budget.used));
      return result;
    };
    // Liquid's own charges inside a plain filter count characters; a generator filter (sort, map,
    // where, *_exp) runs later, outside this call, where they count as list items.
    const result = budget.duringFilter(() => handler.apply(this, args));
    if (!isIterator(result)) return settle(result);
    return (function* (): Generator<unknown, unknown, unknown> {
      return settle(yield* result as Generator<unknown, unknown, unknown>);
    })();
  };
}

/** Every filter, built-in or ours, charges its result. Must run before parsing: Liquid binds filters then. */
export function chargeFilters(engine: Liquid): void {
  for (const [name, impl] of Object.entries(engine.filters)) {
    if (typeof impl === "function") engine.registerFilter(name, chargedFilter(name, impl as FilterHandler));
    else if (impl && typeof impl.handler === "function") engine.registerFilter(name, { ...impl, handler: chargedFilter(name, impl.handler as FilterHandler) } as FilterImplOptions);
  }
}

/** A capture (and anything else rendered into a string of its own) writes through a charged emitter, not Liquid's unbounded one. */
export function chargeCaptures(engine: Liquid, toValue: (v: unknown) => unknown): void {
  const renderer = engine.renderer;
  const renderTemplates = renderer.renderTemplates.bind(renderer);
  renderer.renderTemplates = (templates: Template[], context: Context, emitter?: Emitter) =>
    renderTemplates(templates, context, emitter ?? new BudgetEmitter(budgetOf(context), toValue));
}

/** `{% cycle group: … %}` keeps a counter per group it has seen; a group made anew each time (`{% cycle i: … %}`) would keep millions. */
export function chargeCycleGroups(context: Context): void {
  const budget = budgetOf(context);
  const groups: Record<string, number> = {};
  context.setRegister("cycle", new Proxy(groups, {
    set(target, key, value) {
      if (typeof key === "string" && !Object.hasOwn(target, key)) budget.charge(key.length + 8 * ITEM_COST);
      target[key as string] = value as number;
      return true;
    },
  }));
}

type TagClass = Liquid["tags"][string];
type Evaluate = (token: ValueToken, context: Context) => unknown;

interface LoopTag {
  readonly collection: ValueToken;
  readonly hash?: { readonly hash: Record<string, unknown> };
}

/**
 * `{% for … reversed %}` (or `offset:`, `limit:`) and every `{% tablerow %}` copy their list before
 * the first turn: a loop over a kept list of a million, started a thousand times, copies 8 GB.
 */
export function chargeLoopCopies(engine: Liquid, evaluate: Evaluate): void {
  for (const name of ["for", "tablerow"]) {
    const Loop = engine.tags[name] as TagClass;
    const render = Loop.prototype.render as (this: unknown, context: Context, emitter: Emitter) => unknown;
    engine.registerTag(name, class extends Loop {
      *render(context: Context, emitter: Emitter): Generator<unknown, unknown, unknown> {
        const loop = this as unknown as LoopTag;
        if (name === "tablerow" || Object.keys(loop.hash?.hash ?? {}).length > 0) {
          const list: unknown = yield evaluate(loop.collection, context);
          if (Array.isArray(list)) budgetOf(context).charge(list.length * ITEM_COST);
        }
        return yield render.call(this, context, emitter);
      }
    } as TagClass);
  }
}
