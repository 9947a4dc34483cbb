#!/usr/bin/env node
// `npm run schemas`: writes schema/<kind>.json, the published JSON Schemas of every --json kind,
// from the schemas in src/render/json-schemas/ (built into dist/ first). The files are committed,
// so a change to the contract shows in review; src/render/json-schemas/json-schemas.test.ts fails
// while they are not current.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "schema");
const { publishedKinds, schemaFileText } = await import(pathToFileURL(join(root, "dist", "render", "json-schemas", "index.js")).href);

mkdirSync(out, { recursive: true });
const kinds = publishedKinds();
for (const name of readdirSync(out)) {
  if (name.endsWith(".json") && !kinds.includes(name.slice(0, -5))) rmSync(join(out, name));
}
for (const kind of kinds) writeFileSync(join(out, `${kind}.json`), schemaFileText(kind));
console.log(`wrote ${kinds.length} schemas to schema/`);
