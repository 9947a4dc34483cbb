/**
 * A small typed JSON Schema builder: each function returns a plain JSON Schema (draft 2020-12)
 * object that also carries, at the type level only, the TypeScript type of the values it accepts.
 * The DTO types are derived from the schemas (`Infer<typeof x>`), so the schema is the one source
 * of the `--json` contract: a field added to a DTO and not to its schema does not compile, and the
 * contract test catches what the compiler cannot (a value built with spreads or casts).
 *
 * Objects are closed (`additionalProperties: false`) unless they say otherwise.
 */

declare const TYPE: unique symbol;

export type JsonSchema = { readonly [keyword: string]: unknown };

/** A JSON Schema for values of type T. T is a phantom: nothing of it exists at run time. */
export type Schema<T> = JsonSchema & { readonly [TYPE]?: T };

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Props = Readonly<Record<string, Schema<unknown>>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Required<P extends Props, O extends keyof P> = { readonly [K in Exclude<keyof P, O>]: Infer<P[K]> };
type Optional<P extends Props, O extends keyof P> = { readonly [K in O]?: Infer<P[K]> };
export type ObjectOf<P extends Props, O extends keyof P = never> = Simplify<Required<P, O> & Optional<P, O>>;

interface Notes {
  readonly description?: string;
}

function note(notes: Notes | undefined): Notes {
  return notes?.description === undefined ? {} : { description: notes.description };
}

export function string(notes?: Notes & { readonly format?: "date-time" | "date"; readonly pattern?: string; readonly minLength?: number; readonly maxLength?: number }): Schema<string> {
  const { format, pattern, minLength, maxLength } = notes ?? {};
  return {
    type: "string",
    ...note(notes),
    ...(format ? { format } : {}),
    ...(pattern ? { pattern } : {}),
    ...(minLength !== undefined ? { minLength } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
  };
}

/** A count, an index, a line number: a whole number, 0 or more unless `minimum` says otherwise. */
export function integer(notes?: Notes & { readonly minimum?: number; readonly maximum?: number }): Schema<number> {
  return { type: "integer", minimum: notes?.minimum ?? 0, ...(notes?.maximum !== undefined ? { maximum: notes.maximum } : {}), ...note(notes) };
}

export function number(notes?: Notes & { readonly minimum?: number; readonly maximum?: number }): Schema<number> {
  const { minimum, maximum } = notes ?? {};
  return { type: "number", ...note(notes), ...(minimum !== undefined ? { minimum } : {}), ...(maximum !== undefined ? { maximum } : {}) };
}

export function boolean(notes?: Notes): Schema<boolean> {
  return { type: "boolean", ...note(notes) };
}

export function literal<const V extends string | number | boolean>(value: V, notes?: Notes): Schema<V> {
  return { const: value, ...note(notes) };
}

export function oneOf<const V extends readonly string[]>(values: V, notes?: Notes): Schema<V[number]> {
  return { type: "string", enum: [...values], ...note(notes) };
}

export function nullable<T>(schema: Schema<T>, notes?: Notes): Schema<T | null> {
  return { anyOf: [schema, { type: "null" }], ...note(notes) };
}

export function array<T>(items: Schema<T>, notes?: Notes & { readonly maxItems?: number }): Schema<readonly T[]> {
  return { type: "array", items, ...note(notes), ...(notes?.maxItems !== undefined ? { maxItems: notes.maxItems } : {}) };
}

/** Any JSON value: what a task file's own frontmatter may hold. */
export function anyJson(notes?: Notes): Schema<unknown> {
  return { ...note(notes) };
}

export interface ObjectSchema<P extends Props, O extends keyof P> extends Schema<ObjectOf<P, O>> {
  readonly type: "object";
  readonly properties: P;
  readonly required: readonly string[];
}

/** A closed object: every property required except those named in `optional`. */
export function object<const P extends Props, const O extends keyof P & string = never>(
  properties: P,
  options?: Notes & { readonly optional?: readonly O[] },
): ObjectSchema<P, O> {
  const optional: readonly string[] = options?.optional ?? [];
  const required = Object.keys(properties).filter((key) => !optional.includes(key));
  return { type: "object", ...note(options), properties, required, additionalProperties: false } as unknown as ObjectSchema<P, O>;
}

/** The same object with more properties (TaskRef & { … }). */
export function extend<P extends Props, O extends keyof P & string, const Q extends Props, const R extends keyof Q & string = never>(
  base: ObjectSchema<P, O>,
  properties: Q,
  options?: Notes & { readonly optional?: readonly R[] },
): ObjectSchema<P & Q, O | R> {
  const optional: readonly string[] = options?.optional ?? [];
  const added = Object.keys(properties).filter((key) => !optional.includes(key));
  const description = options?.description ?? (base as JsonSchema).description;
  return {
    ...base,
    ...(typeof description === "string" ? { description } : {}),
    properties: { ...base.properties, ...properties },
    required: [...base.required.filter((key) => !(key in properties)), ...added],
  } as unknown as ObjectSchema<P & Q, O | R>;
}

/** An object that also takes properties it does not name (a task's own frontmatter keys). */
export function open<P extends Props, O extends keyof P & string>(base: ObjectSchema<P, O>): Schema<ObjectOf<P, O> & { readonly [key: string]: unknown }> {
  return { ...base, additionalProperties: true };
}
