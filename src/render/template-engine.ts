import type { Liquid } from "liquidjs";
import { TasksError } from "../app/errors.js";
import { sanitizeLine } from "./sanitize.js";

/**
 * Renders the team's Markdown templates with LiquidJS, configured so a template from someone
 * else's commit can do nothing but fill in text: strict variables (an unknown name is an error
 * listing the valid ones), own properties only, no file system (includes resolve against an empty
 * in-memory map), and limits on template size, render time and memory. Output is not HTML-escaped:
 * it is Markdown; terminals get it through the sanitizer.
 */

export const MAX_TEMPLATE_BYTES = 64 * 1024;
/** The largest note a template may produce (characters). */
export const MAX_OUTPUT_CHARS = 1024 * 1024;

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
  const out = text.replace(SIMPLE_OUTPUT, (_all, name: string) => {
    const value = Object.hasOwn(model, name) ? model[name] : undefined;
    if (value === null) return "";
    if (typeof value === "string") return escape(value);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    simple = false;
    return "";
  });
  return simple ? out : undefined;
}

/** What Liquid's emitter writes for a value: text as is, nothing for nil, lists joined. */
function outputText(value: unknown, toValue: (v: unknown) => unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => outputText(toValue(item), toValue)).join("");
  return String(value);
}

export async function renderTemplate(source: TemplateSource, model: Record<string, unknown>, options: RenderOptions = {}): Promise<string> {
  if (Buffer.byteLength(source.text, "utf8") > MAX_TEMPLATE_BYTES) {
    throw new TasksError("TEMPLATE_ERROR", `template ${source.name} is larger than 64 KiB`);
  }
  const escape = options.asWritten ? (value: string): string => value : sanitizeLine;
  const simple = renderSimpleTemplate(source.text, model, escape);
  if (simple !== undefined) return simple;
  const { Context, Liquid, toValue, toValueSync } = await import("liquidjs");
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    templates: {},
    relativeReference: false,
    parseLimit: MAX_TEMPLATE_BYTES * 2,
    renderLimit: 2_000,
    memoryLimit: 10_000_000,
    greedy: false,
    outputEscape: (value: unknown) => escape(outputText(toValue(value), toValue)),
    ...(options.zone ? { timezoneOffset: options.zone } : {}),
  });
  if (options.now) pinDateFilters(engine, options.now);
  try {
    const template = engine.parse(source.text);
    // Liquid's own emitter lets the output grow until the time limit (a nested loop printing one
    // character at a time took 150 MB in 2 s); ours stops at a size no note comes near.
    // Rendered synchronously: nothing a note needs waits for I/O, and the async path costs a
    // promise per value (a team's standup took three times as long).
    const context = new Context(model, engine.options, { sync: true }, { liquid: engine });
    const emitter = {
      buffer: "",
      write(value: unknown): void {
        this.buffer += outputText(toValue(value), toValue);
        // Liquid adds the line and column to what is thrown here.
        if (this.buffer.length > MAX_OUTPUT_CHARS) throw new Error("the note grew larger than 1 MB");
      },
    };
    toValueSync(engine.renderer.renderTemplates(template, context, emitter));
    return emitter.buffer;
  } catch (error) {
    const err = error as Error;
    const unknown = /undefined variable: ([^\s,]+)/.exec(err.message);
    if (unknown) {
      const valid = variablePaths(model).join(", ");
      throw new TasksError("TEMPLATE_UNKNOWN_VARIABLE", `template ${source.name}${lineOf(err)}: unknown variable "${unknown[1]}"`, {
        hint: `valid variables: ${valid}`,
      });
    }
    const first = (err.message.split("\n")[0] ?? "").replace(/, file:.*$/, "");
    throw new TasksError("TEMPLATE_ERROR", `template ${source.name}${lineOf(err)}: ${first}`, {
      hint: "templates use Liquid: {{ variable }}, {% for x in list %}…{% endfor %}, {% if x %}…{% endif %}",
    });
  }
}

/** A rendered note as it is shown and saved: runs of blank lines left by tags collapsed, trimmed, one final newline. */
export function tidyNote(text: string): string {
  const tidy = text.replace(/\r\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  return tidy === "" ? "" : `${tidy}\n`;
}
