// Loaded with `node --import` by scripts/bench.mjs: records the process's peak resident memory.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // the measurement is best effort; the command's own exit code is what matters
    }
  });
}
