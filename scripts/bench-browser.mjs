// `npm run bench`: the dashboard opened from file:// in Chromium (see scripts/bench.mjs).
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * How long headless Chromium takes to open the page from file:// and render it (navigation start
 * to the load event, and to the first contentful paint), median of `runs`. Skipped, saying why,
 * without a Chromium binary (CHROMIUM=path, default /usr/bin/chromium) or playwright-core.
 */
export async function chromiumRender(file, runs) {
  const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    process.stderr.write(`  dashboard render: skipped (no Chromium at ${executablePath}; set CHROMIUM=path)\n`);
    return { renderMs: null, paintMs: null, floorMs: null };
  }
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    process.stderr.write("  dashboard render: skipped (playwright-core is not installed: npm ci)\n");
    return { renderMs: null, paintMs: null, floorMs: null };
  }
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  // The floor: the same browser opening a page with one paragraph.
  const empty = join(dirname(file), "empty.html");
  writeFileSync(empty, "<!doctype html><title>floor</title><p>floor</p>");
  const loads = [];
  const paints = [];
  const floors = [];
  try {
    for (let i = 0; i < Math.max(1, runs) * 2; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(i % 2 === 0 ? empty : file).href, { waitUntil: "load" });
      // Evaluated in the page (a string: this file is linted for Node, where there is no page).
      const [load, paint] = await page.evaluate('[performance.getEntriesByType("navigation")[0]?.loadEventEnd ?? null, performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null]');
      if (i % 2 === 0) floors.push(load);
      else {
        loads.push(load);
        paints.push(paint);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const median = (values) => {
    const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
    return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
  };
  const result = { renderMs: median(loads), paintMs: median(paints), floorMs: median(floors) };
  process.stderr.write(`  dashboard render in Chromium: load ${result.renderMs?.toFixed(0)} ms, first paint ${result.paintMs?.toFixed(0)} ms (a one-line page: ${result.floorMs?.toFixed(0)} ms)\n`);
  return result;
}
