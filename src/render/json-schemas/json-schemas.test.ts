import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCHEMA_DIR, validateJson } from "../../../test/helpers/json-contract.js";
import { JSON_SCHEMAS, publishedKinds, schemaFileText } from "./index.js";
import { object, string } from "./schema.js";

describe("the published schemas (schema/*.json)", () => {
  it("are current: one file per kind, each exactly what the source writes (npm run schemas)", () => {
    const files = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith(".json")).sort();
    expect(files).toEqual(publishedKinds().map((kind) => `${kind}.json`).sort());
    for (const kind of publishedKinds()) {
      expect(readFileSync(join(SCHEMA_DIR, `${kind}.json`), "utf8"), `schema/${kind}.json is stale: run npm run schemas`).toBe(schemaFileText(kind));
    }
  });

  it("every schema compiles under Ajv's strict mode", async () => {
    const result = await validateJson([]);
    expect(result.compileErrors).toEqual({});
    expect(result.kinds).toEqual(publishedKinds().sort());
  });

  it("a schema with an unknown keyword does not compile: strict mode is on", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tasks-schema-"));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ ...object({ a: string() }), additionalProperty: false }));
    expect(Object.keys((await validateJson([], dir)).compileErrors)).toEqual(["bad"]);
  });

  it("every document kind has schemaVersion 1 and its own kind as constants, and closed objects", () => {
    for (const [kind, schema] of Object.entries(JSON_SCHEMAS)) {
      expect(schema.properties.schemaVersion).toEqual({ const: 1 });
      expect(schema.properties.kind).toEqual({ const: kind });
      expect((schema as { additionalProperties?: unknown }).additionalProperties).toBe(false);
      expect(schema.required).toEqual(expect.arrayContaining(["schemaVersion", "kind"]));
    }
  });
});
