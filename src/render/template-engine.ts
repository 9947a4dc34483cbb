import type { Liquid } from "liquidjs";
import { TasksError } from "../app/errors.js";
import { hasUnsafeCharacters, sanitizeLine } from "./sanitize.js";
import { BudgetEmitter, budgetOf, chargeCaptures, chargeCycleGroups, chargeFilters, chargeLoopCopies, LimitError, MAX_OUTPUT_CHARS, MemoryBudget, outputText, TIME_LIMIT_MS } from "./template-limits.js";

/**
 * Renders the team's Markdown templates with LiquidJS, configured so a template from someone
 * else's commit can do nothing but fill in text: strict variables (an unknown name is an error
 * listing the valid ones), own properties only, no file system (includes resolve against an empty
 * in-memory map), and limits on template size, render time, memory and output (template-limits.ts).
 * Output is not HTML-escaped: it is Markdown; terminals get it through the sanitizer.
 */

export const MAX_TEMPLATE_BYTES = 64 * 1024;
export { MAX_OUTPUT_CHARS };

export interface TemplateSource {
  /** Shown in errors: `.tasks/templates/standup.md`, `built-in standup.md`. */
  readonly name: string;
  readonly text: string;
}

/** Every variable path a model offers: `title`, `people[].name`, … */
export function variablePaths(model: unknown, prefix = ""): string[] {
  if (model === null || typeof model !== "object") return prefix ? [prefix] : [];
  if (Array.isArray(model)) {
    const first = model.find((item) => item !== null && typeof item === "object");
    return first === undefined ? [prefix] : variablePaths(first, `${prefix}[]`);
  }
  const paths: string[] = [];
  for (const [key, value] of Object.entries(model as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) paths.push(...variablePaths(value, path));
    else if (Array.isArray(value)) paths.push(...variablePaths(value, path));
    else paths.push(path);
  }
  return paths;
}

function lineOf(error: Error): string {
  const match = /line:(\d+)/.exec(error.message);
  return match ? `:${match[1]}` : "";
}

export interface RenderOptions {
  /** What `'now'` and `'today'` mean to the date filters: the injected clock, never the machine's. */
  readonly now?: Date;
  /**
   * Print values as they are, line breaks included (a new task's `{{ body }}`, which the user
   * typed). Otherwise every value is one line, escaped like a title on the terminal: a title with
   * a line break cannot start a line of its own in a note (a forged heading, or a `::set-output`
   * line in a CI log), and nothing a file says reaches a saved note as a control character.
   */
  readonly asWritten?: boolean;
  /** The zone the date filters show moments in (IANA name). */
  readonly zone?: string;
}

const DATE_FILTERS = ["date", "date_to_xmlschema", "date_to_rfc822", "date_to_string", "date_to_long_string"] as const;

/** Liquid's date filters read the machine clock for `'now'`; these read the injected one. */
function pinDateFilters(engine: Liquid, now: Date): void {
  const seconds = Math.floor(now.getTime() / 1000);
  for (const name of DATE_FILTERS) {
    const original = engine.filters[name];
    if (typeof original !== "function") continue;
    engine.registerFilter(name, function (this: unknown, value: unknown, ...args: unknown[]) {
      return (original as (...a: unknown[]) => unknown).call(this, value === "now" || value === "today" ? seconds : value, ...args);
    });
  }
}

const SIMPLE_OUTPUT = /\{\{ *([a-z_][a-z0-9_]*) *\}\}/g;

/**
 * Templates that only print top-level text values (`{{ body }}`, like the built-in task.md) are
 * filled in directly: the same output Liquid gives, without loading Liquid for every `tasks new`.
 * Anything else (tags, filters, paths, unknown names) returns undefined and goes to Liquid.
 */
export function renderSimpleTemplate(text: string, model: Record<string, unknown>, escape: (value: string) => string = (value) => value): string | undefined {
  if (text.includes("{%")) return undefined;
  const withoutOutputs = text.replace(SIMPLE_OUTPUT, "");
  if (withoutOutputs.includes("{{")) return undefined;
  let simple = true;
  let length = text.length;
  const out = text.replace(SIMPLE_OUTPUT, (_all, name: string) => {
    const value = Object.hasOwn(model, name) ? model[name] : undefined;
    const shown = value === null ? "" : typeof value === "string" ? escape(value) : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
    if (shown === undefined) simple = false;
    length += shown?.length ?? 0;
    // `{{ body }}` eight thousand times over is a 64 KiB template too.
    if (length > MAX_OUTPUT_CHARS) throw new LimitError("output");
    return shown ?? "";
  });
  return simple ? out : undefined;
}

/** A limit's error as one line: the template, the line, which limit. */
function limitMessage(error: Error): string | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = (cause as { originalError?: unknown }).originalError) {
    if (cause instanceof LimitError) return cause.message;
    if (/template render limit exceeded/.test(cause.message)) return "the template ran longer than 2 s (the time limit)";
  }
  return undefined;
}

const LIMITS_HINT = "a template may allocate 10 MB, write a 1 MB note and run 2 s: look for a loop or a capture that grows a value (docs/templates.md, Limits)";

export async function renderTemplate(source: TemplateSource, model: Record<string, unknown>, options: RenderOptions = {}): Promise<string> {
  if (Buffer.byteLength(source.text, "utf8") > MAX_TEMPLATE_BYTES) {
    throw new TasksError("TEMPLATE_ERROR", `template ${source.name} is larger than 64 KiB`);
  }
  const escape = options.asWritten ? (value: string): string => value : sanitizeLine;
  try {
    const simple = renderSimpleTemplate(source.text, model, escape);
    if (simple !== undefined) return simple;
    return await renderWithLiquid(source, model, options, escape);
  } catch (error) {
    throw templateError(source, model, error as Error);
  }
}

async function renderWithLiquid(source: TemplateSource, model: Record<string, unknown>, options: RenderOptions, escape: (value: string) => string): Promise<string> {
  const { Context, evalToken, Liquid, toValue, toValueSync } = await import("liquidjs");
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    templates: {},
    relativeReference: false,
    parseLimit: MAX_TEMPLATE_BYTES * 2,
    renderLimit: TIME_LIMIT_MS,
    greedy: false,
    outputEscape(this: { context: InstanceType<typeof Context> }, value: unknown): string {
      const budget = budgetOf(this.context);
      const text = outputText(toValue(value), toValue, budget);
      // Escaping shows a character as up to eight (`<U+202E>`).
      if (!options.asWritten && hasUnsafeCharacters(text)) budget.expect(text.length * 8);
      return escape(text);
    },
    ...(options.zone ? { timezoneOffset: options.zone } : {}),
  });
  if (options.now) pinDateFilters(engine, options.now);
  chargeFilters(engine);
  chargeCaptures(engine, toValue);
  chargeLoopCopies(engine, evalToken);
  const template = engine.parse(source.text);
  const budget = new MemoryBudget();
  // A copy: `{% increment kind %}` writes to the top scope, which must not be the caller's model
  // (the one `--json` prints).
  const context = new Context({ ...model }, engine.options, { sync: true }, { liquid: engine, memoryLimit: budget as never });
  chargeCycleGroups(context);
  // Rendered synchronously: nothing a note needs waits for I/O, and the async path costs a
  // promise per value (a team's standup took three times as long).
  const emitter = new BudgetEmitter(budget, toValue, MAX_OUTPUT_CHARS);
  toValueSync(engine.renderer.renderTemplates(template, context, emitter));
  return emitter.buffer;
}

function templateError(source: TemplateSource, model: Record<string, unknown>, err: Error): TasksError {
  if (err instanceof TasksError) return err;
  const unknown = /undefined variable: ([^\s,]+)/.exec(err.message);
  if (unknown) {
    const valid = variablePaths(model).join(", ");
    return new TasksError("TEMPLATE_UNKNOWN_VARIABLE", `template ${source.name}${lineOf(err)}: unknown variable "${unknown[1]}"`, {
      hint: `valid variables: ${valid}`,
    });
  }
  const limit = limitMessage(err);
  if (limit !== undefined) return new TasksError("TEMPLATE_ERROR", `template ${source.name}${lineOf(err)}: ${limit}`, { hint: LIMITS_HINT });
  const first = (err.message.split("\n")[0] ?? "").replace(/, file:.*$/, "").replace(/, line:\d+, col:\d+$/, "");
  return new TasksError("TEMPLATE_ERROR", `template ${source.name}${lineOf(err)}: ${first}`, {
    hint: "templates use Liquid: {{ variable }}, {% for x in list %}…{% endfor %}, {% if x %}…{% endif %}",
  });
}

/** A rendered note as it is shown and saved: runs of blank lines left by tags collapsed, trimmed, one final newline. */
export function tidyNote(text: string): string {
  const tidy = text.replace(/\r\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  return tidy === "" ? "" : `${tidy}\n`;
}
