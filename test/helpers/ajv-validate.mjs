// Validates JSON documents against the published schemas (schema/*.json) with Ajv in strict mode.
// Run as a child process by test/helpers/json-contract.ts: Ajv compiles each schema into a
// function with `new Function`, which the test workers forbid (--disallow-code-generation-from-
// strings, reliability.md E1). This process runs Ajv only, never the tool: the CLI under test is
// still spawned with code generation off.
//
// stdin: {"documents": [{"label": "...", "kind": "task-list", "value": {...}}]}
// stdout: {"kinds": [...], "compileErrors": {"kind": "message"}, "results": [{"label", "kind", "errors": [...]}]}
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule.default ?? addFormatsModule;
const dir = process.argv[2];
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);

const validators = new Map();
const compileErrors = {};
for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
  const kind = name.slice(0, -5);
  try {
    validators.set(kind, ajv.compile(JSON.parse(readFileSync(join(dir, name), "utf8"))));
  } catch (error) {
    compileErrors[kind] = error.message;
  }
}

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const { documents = [] } = input.trim() ? JSON.parse(input) : {};
const results = documents.map(({ label, kind, value }) => {
  const validate = validators.get(kind);
  if (!validate) return { label, kind, errors: [`no schema for kind "${kind}" in schema/`] };
  if (validate(value)) return { label, kind, errors: [] };
  return { label, kind, errors: validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ""}`) };
});
process.stdout.write(JSON.stringify({ kinds: [...validators.keys(), ...Object.keys(compileErrors)].sort(), compileErrors, results }));
