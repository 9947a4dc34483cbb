import { join } from "node:path";
import { PROJECT_ROOT, runProcess } from "./cli.js";

/** Validation of documents against the published schema/*.json, by Ajv (see ajv-validate.mjs). */

export const SCHEMA_DIR = join(PROJECT_ROOT, "schema");

export interface JsonDocument {
  readonly label: string;
  readonly kind: string;
  readonly value: unknown;
}

export interface Validation {
  readonly kinds: readonly string[];
  readonly compileErrors: Readonly<Record<string, string>>;
  readonly results: readonly { readonly label: string; readonly kind: string; readonly errors: readonly string[] }[];
}

export async function validateJson(documents: readonly JsonDocument[], schemaDir = SCHEMA_DIR): Promise<Validation> {
  const script = join(PROJECT_ROOT, "test", "helpers", "ajv-validate.mjs");
  const run = await runProcess(process.execPath, [script, schemaDir], { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? "" }, input: JSON.stringify({ documents }) });
  if (run.code !== 0) throw new Error(`ajv-validate failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Validation;
}
