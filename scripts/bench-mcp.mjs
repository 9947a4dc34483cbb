// `npm run bench`: the rows of `tasks mcp` (see scripts/bench.mjs).
import { spawn } from "node:child_process";

/**
 * `tasks mcp`: from spawn to the answer to `initialize` (an agent client waits that long before
 * its first call; the bar is 1.5× `tasks --version`), and a `next` call on a running server
 * (floor: `tasks next` from the command line, which also pays node's start).
 */
export async function mcpRows(bin, base, rows, runs) {
  const rpc = (id, method, params) => `${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`;
  const initialize = rpc(1, "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1" } });
  const session = async (calls) => {
    const child = spawn(process.execPath, [bin, "mcp"], { cwd: base.cwd, env: base.env, stdio: ["pipe", "pipe", "ignore"] });
    let buffer = "";
    const waiting = new Map();
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf("\n")) >= 0) {
        const message = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        waiting.get(message.id)?.(message);
      }
    });
    const ask = (id, text) => new Promise((resolve) => { waiting.set(id, resolve); child.stdin.write(text); });
    const started = process.hrtime.bigint();
    await ask(1, initialize);
    const startMs = Number(process.hrtime.bigint() - started) / 1e6;
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
    const callMs = [];
    for (let i = 0; i < calls; i++) {
      const t = process.hrtime.bigint();
      const answer = await ask(2 + i, rpc(2 + i, "tools/call", { name: "next", arguments: {} }));
      if (answer.result?.isError) throw new Error(`mcp next failed: ${answer.result.content?.[0]?.text}`);
      callMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    child.stdin.end();
    await new Promise((resolve) => child.on("close", resolve));
    return { startMs, callMs };
  };
  const stats = (label, values, floor) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { label, median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], peakMb: null, floor };
  };
  await session(1); // warm: the OS file cache and the parse cache
  const starts = [];
  const calls = [];
  for (let i = 0; i < runs; i++) {
    const { startMs, callMs } = await session(i === 0 ? 3 : 0);
    starts.push(startMs);
    calls.push(...callMs);
  }
  const version = rows.find((r) => r.label === "tasks --version")?.median ?? null;
  const cliNext = rows.find((r) => r.label === "tasks next")?.median ?? null;
  const out = [stats("tasks mcp: start to initialize", starts, version), stats("tasks mcp: a next call (running)", calls, cliNext)];
  for (const row of out) process.stderr.write(`  ${row.label}: ${row.median.toFixed(0)} ms\n`);
  return out;
}
