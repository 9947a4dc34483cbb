// Preloaded into the CLI by the hostile suite (`node --import`): plants canaries before the tool
// starts and, when the process exits, writes what became of them to $TASKS_PROBE_FILE, with the
// process's peak resident memory. A canary that changed means repository content ran as code
// (reliability.md P1, P8). Node prints nothing from here: stdout and stderr stay the tool's.
import { writeFileSync } from "node:fs";

const file = process.env.TASKS_PROBE_FILE;
const CANARY = "intact";
// What the hostile fixtures try to set: globalThis.PWNED, {}.isAdmin, {}.polluted.
const PROTOTYPE_KEYS = ["isAdmin", "polluted", "PWNED"];

globalThis.__tasksCanary = CANARY;
let codeGenerationBlocked = false;
try {
  new Function("return 1");
} catch (error) {
  codeGenerationBlocked = error instanceof EvalError;
}

if (file) {
  process.on("exit", (code) => {
    const tripped = [];
    if (globalThis.__tasksCanary !== CANARY) tripped.push("globalThis.__tasksCanary");
    if (Object.hasOwn(globalThis, "PWNED")) tripped.push("globalThis.PWNED");
    for (const key of PROTOTYPE_KEYS) if (key in Object.prototype || key in Array.prototype) tripped.push(`Object.prototype.${key}`);
    const report = { code, tripped, codeGenerationBlocked, maxRssKiB: process.resourceUsage().maxRSS };
    try {
      writeFileSync(file, JSON.stringify(report));
    } catch {
      // The test sees the missing report and fails; nothing to do here.
    }
  });
}
