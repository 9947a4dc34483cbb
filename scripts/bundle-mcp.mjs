// Part of `npm run build`: bundles dist/mcp/sdk.js (what the MCP server takes from
// @modelcontextprotocol/sdk and @cfworker/json-schema) with everything it imports into that one
// file, and writes the licences of the bundled packages beside it. `tasks mcp` then loads one file
// instead of ~150 modules, and the installed package needs neither the SDK nor its dependencies.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist", "mcp", "sdk.js");

const bundle = await rolldown({ input: entry, platform: "node", logLevel: "warn" });
const { output } = await bundle.generate({ format: "esm", minify: true, codeSplitting: false });
await bundle.close();
const chunks = output.filter((o) => o.type === "chunk");
if (chunks.length !== 1) throw new Error(`bundle-mcp: expected one chunk, got ${chunks.length}`);
const [chunk] = chunks;

/** The package folder (node_modules/<name> or node_modules/@scope/<name>) a bundled module comes from. */
function packageOf(id) {
  const parts = relative(root, id).split(sep);
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return null;
  const name = parts[at + 1]?.startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
  return { name, dir: join(root, ...parts.slice(0, at + 1), ...name.split("/")) };
}

const packages = new Map();
for (const id of chunk.moduleIds) {
  const found = packageOf(id);
  if (found) packages.set(found.name, found.dir);
}
const notices = [...packages.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = licenceFile && existsSync(join(dir, licenceFile)) ? readFileSync(join(dir, licenceFile), "utf8").trim() : `License: ${manifest.license}`;
  return `${name}@${manifest.version} (${manifest.license})\n\n${text}\n`;
});

const names = [...packages.keys()].sort().join(", ");
writeFileSync(entry, `// Bundled by scripts/bundle-mcp.mjs from: ${names}. Licences: THIRD-PARTY-NOTICES.txt\n${chunk.code}`);
writeFileSync(join(dirname(entry), "THIRD-PARTY-NOTICES.txt"), `Third-party code bundled into dist/mcp/sdk.js\n\n${notices.join("\n---\n\n")}`);
process.stderr.write(`bundle-mcp: dist/mcp/sdk.js from ${packages.size} packages (${(Buffer.byteLength(chunk.code) / 1024).toFixed(0)} KB)\n`);
