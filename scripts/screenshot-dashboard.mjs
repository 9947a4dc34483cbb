#!/usr/bin/env node
/**
 * Builds the demo (`npm run demo`), opens its dashboard from file:// in headless Chromium (the
 * distribution's package, /usr/bin/chromium, or CHROMIUM=path; nothing is downloaded) and saves
 * the screenshots the docs show: docs/images/dashboard.png (the top of the page: totals, board,
 * team), docs/images/dashboard-delivery.png (the delivery charts) and docs/images/dashboard-dark.png.
 *
 *   npm run build && node scripts/screenshot-dashboard.mjs
 *   node scripts/screenshot-dashboard.mjs /tmp/git-tasks-demo-xxxx/tasks-dashboard.html   (a demo already built)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, "docs", "images");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  console.error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM=/path/to/chrome`);
  process.exit(1);
}

function buildDemo() {
  const demo = spawnSync(process.execPath, [join(ROOT, "scripts", "demo.mjs")], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "1" }, maxBuffer: 64 * 1024 * 1024 });
  const built = /The demo's dashboard \(open it in a browser\): (\S+)/.exec(demo.stdout)?.[1];
  if (demo.status !== 0 || !built) {
    console.error(`the demo failed (exit ${demo.status}):\n${demo.stderr}`);
    process.exit(1);
  }
  return built;
}

const given = process.argv[2];
const file = given ?? buildDemo();
const repo = dirname(file);

mkdirSync(OUT, { recursive: true });
// --no-sandbox: as root (in CI containers) Chromium's sandbox cannot start.
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"] });
try {
  for (const scheme of ["light", "dark"]) {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1180 }, deviceScaleFactor: 1, colorScheme: scheme });
    await page.goto(pathToFileURL(file).href);
    if (scheme === "light") {
      await page.screenshot({ path: join(OUT, "dashboard.png") });
      await page.locator("#delivery").screenshot({ path: join(OUT, "dashboard-delivery.png") });
    } else {
      await page.screenshot({ path: join(OUT, "dashboard-dark.png") });
    }
    await page.close();
  }
} finally {
  await browser.close();
  if (given === undefined) rmSync(repo, { recursive: true, force: true });
}
console.log(`wrote ${["dashboard.png", "dashboard-delivery.png", "dashboard-dark.png"].map((f) => join("docs", "images", f)).join(", ")}`);
