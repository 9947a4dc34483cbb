import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/**
 * Headless Chromium from the distribution's package (Debian's `chromium`), driven by
 * playwright-core; no browser is ever downloaded. Tests that need it skip, saying why, when the
 * binary is missing (CI installs it).
 */

export const CHROMIUM = process.env.TASKS_TEST_CHROMIUM ?? "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);

if (!HAS_CHROMIUM) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set TASKS_TEST_CHROMIUM)`);

/**
 * Chromium behind a Playwright server in a child process (see browser-server.mjs); the returned
 * browser's close() also ends that process.
 */
export async function launchChromium(): Promise<Browser> {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), "browser-server.mjs"), CHROMIUM], { stdio: ["pipe", "pipe", "inherit"] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (out.includes("\n")) resolve(out.trim());
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the browser server exited with ${code}`)));
  });
  const browser = await chromium.connect(endpoint);
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close().catch(() => undefined);
    child.stdin.end();
  };
  return browser;
}

export interface OpenedPage {
  readonly page: Page;
  readonly url: string;
  /** Every request the page made, the document's own included. */
  readonly requests: string[];
  /** Console messages of type error or warning, and uncaught page errors. */
  readonly problems: string[];
  /** Alerts, confirms and prompts the page opened (each is dismissed). */
  readonly dialogs: string[];
}

export async function openFile(browser: Browser, file: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const opened: OpenedPage = { page, url, requests: [], problems: [], dialogs: [] };
  page.on("request", (request) => opened.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") opened.problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => opened.problems.push(`pageerror: ${error.message}`));
  page.on("dialog", (dialog) => {
    opened.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url, { waitUntil: "load" });
  return opened;
}
