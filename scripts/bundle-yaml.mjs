// Part of `npm run build`: bundles dist/storage/yaml-library.js (the `yaml` package, as the tool
// imports it) into that one file, with the package's licence beside it. Loading one module is
// ~3× quicker than the package's ~80 CommonJS files, and it sits on the path of every change
// that edits a field (src/storage/yaml-library.ts).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist", "storage", "yaml-library.js");

const bundle = await rolldown({ input: entry, platform: "node", logLevel: "warn" });
const { output } = await bundle.generate({ format: "esm", codeSplitting: false });
await bundle.close();
const chunks = output.filter((o) => o.type === "chunk");
if (chunks.length !== 1) throw new Error(`bundle-yaml: expected one chunk, got ${chunks.length}`);
const [chunk] = chunks;
const outside = chunk.moduleIds.filter((id) => id !== entry && !/[\\/]node_modules[\\/]yaml[\\/]/.test(id) && !id.startsWith("\0"));
if (outside.length > 0) throw new Error(`bundle-yaml: unexpected modules in the bundle: ${outside.join(", ")}`);

const packageDir = dirname(createRequire(entry).resolve("yaml/package.json"));
const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const licence = readFileSync(join(packageDir, "LICENSE"), "utf8").trim();
writeFileSync(entry, `// Bundled by scripts/bundle-yaml.mjs from yaml@${manifest.version}. Licence: THIRD-PARTY-NOTICES.txt\n${chunk.code}`);
writeFileSync(join(dirname(entry), "THIRD-PARTY-NOTICES.txt"), `Third-party code bundled into dist/storage/yaml-library.js\n\nyaml@${manifest.version} (${manifest.license})\n\n${licence}\n`);
process.stderr.write(`bundle-yaml: dist/storage/yaml-library.js from yaml@${manifest.version} (${(Buffer.byteLength(chunk.code) / 1024).toFixed(0)} KB)\n`);
