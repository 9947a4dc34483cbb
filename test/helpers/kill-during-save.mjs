// Fault injection for atomic saves (reliability.md W1, P2): a victim process saves a ~200 KB task
// file over and over through the tool's writeFileAtomic (dist/storage/safe-fs.js), alternating two
// versions, and is killed with SIGKILL at moments spread over several saves; afterwards the file
// must hold one version or the other, byte for byte. The whole loop runs in this one process (the
// test spawns it once); it prints a JSON summary.
//
//   node test/helpers/kill-during-save.mjs <dir> <iterations>
//   node test/helpers/kill-during-save.mjs --victim <tasksRoot> <target> <first> <second>
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SAFE_FS = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "storage", "safe-fs.js")).href;

async function victim([tasksRoot, target, first, second]) {
  const { writeFileAtomic } = await import(SAFE_FS);
  const versions = [readFileSync(first, "utf8"), readFileSync(second, "utf8")];
  process.stdout.write("ready\n");
  for (let i = 0; ; i++) await writeFileAtomic(tasksRoot, target, versions[(i + 1) % 2]);
}

/** A task file of about 200 KB; the two versions differ in the status line and in every body line. */
export function bigTask(version) {
  const body = Array.from({ length: 3000 }, (_, i) => `- ${version} line ${String(i).padStart(4, "0")}: notes that fill the file to about two hundred KB.`).join("\n");
  return `---\nid: k7m2q\ntitle: A big task\nstatus: ${version === "old" ? "todo" : "in-progress"}\n---\n${body}\n\n## Log\n`;
}

/** Delays spread evenly over 0-39 ms in a fixed order (the golden-ratio sequence): the same run every time. */
function spread(i) {
  return Math.floor(((i * 0.6180339887498949) % 1) * 40);
}

function killOnce(args, delayMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), "--victim", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.once("data", () => setTimeout(() => child.kill("SIGKILL"), delayMs));
    child.on("error", reject);
    child.on("close", (code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`victim exited ${code}: ${stderr}`))));
  });
}

/** One lane: its own folder and file, `count` kills in a row. */
async function lane(dir, name, count, first, summary) {
  const tasksRoot = join(dir, "tasks");
  const folder = join(tasksRoot, name);
  mkdirSync(folder, { recursive: true });
  const target = join(folder, "k7m2q-a-big-task.md");
  const old = bigTask("old");
  const next = bigTask("new");
  for (let i = 0; i < count; i++) {
    writeFileSync(target, old);
    // Up to ~4 saves' worth of time after the victim is ready; some kills land before its first save.
    const delay = spread(first + i);
    await killOnce([tasksRoot, target, join(dir, "old.md"), join(dir, "new.md")], delay);
    const text = readFileSync(target, "utf8");
    if (text === old) summary.old++;
    else if (text === next) summary.new++;
    else summary.torn.push({ lane: name, iteration: i, length: text.length });
    for (const entry of readdirSync(folder)) {
      if (entry === "k7m2q-a-big-task.md") continue;
      summary.leftovers.push(entry);
      rmSync(join(folder, entry));
    }
  }
}

async function driver([dir, iterations]) {
  writeFileSync(join(dir, "old.md"), bigTask("old"));
  writeFileSync(join(dir, "new.md"), bigTask("new"));
  const summary = { iterations: Number(iterations), old: 0, new: 0, torn: [], leftovers: [] };
  // Two lanes side by side: the victims mostly start up, so two cores kill twice as fast.
  const half = Math.ceil(summary.iterations / 2);
  await Promise.all([lane(dir, "a", half, 0, summary), lane(dir, "b", summary.iterations - half, half, summary)]);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === "--victim") await victim(rest);
else if (mode !== undefined) await driver([mode, ...rest]);
