// Runs Playwright's browser server for the browser tests, in a process of its own: Playwright
// compiles the functions tests pass to page.evaluate with `new Function`, which the test workers
// forbid (--disallow-code-generation-from-strings, reliability.md E1). Prints the WebSocket
// endpoint on stdout and closes the browser when stdin ends (when the test process goes away).
import { chromium } from "playwright-core";

const [executablePath] = process.argv.slice(2);
// --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
const server = await chromium.launchServer({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
process.stdout.write(`${server.wsEndpoint()}\n`);
process.stdin.resume();
process.stdin.on("end", () => void server.close().then(() => process.exit(0)));
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
