import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PostFailed, proxyDispatcher, retryAfterMs, type SendOptions, sendPayload } from "./post-send.js";

/** Real HTTP servers on 127.0.0.1; fetch is never mocked. */

interface Seen {
  readonly body: string;
  readonly at: number;
  readonly contentType: string | undefined;
}

const servers: Server[] = [];

async function serve(handler: (req: IncomingMessage, res: ServerResponse, count: number) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => (body += c));
    req.on("end", () => {
      seen.push({ body, at: Date.now(), contentType: req.headers["content-type"] });
      handler(req, res, seen.length);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/services/T000/B000/SECRETsecretSECRET`, seen };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const FAST: SendOptions = { timeoutMs: 2_000, retries: 3, backoffMs: 20, maxWaitMs: 5_000 };

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PostFailed);
    return (error as Error).message;
  }
  throw new Error("expected the post to fail");
}

describe("sendPayload", () => {
  it("posts the JSON once on 200", async () => {
    const { url, seen } = await serve((_req, res) => res.end("ok"));
    await sendPayload(url, { text: "hi" }, FAST);
    expect(seen.map((s) => s.body)).toEqual(['{"text":"hi"}']);
    expect(seen[0]?.contentType).toBe("application/json; charset=utf-8");
  });

  it("waits as long as Retry-After asks on 429, then posts", async () => {
    const { url, seen } = await serve((_req, res, n) => {
      if (n === 1) res.writeHead(429, { "retry-after": "1" }).end("slow down");
      else res.end("ok");
    });
    await sendPayload(url, { text: "hi" }, FAST);
    expect(seen).toHaveLength(2);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("retries a 500 and succeeds", async () => {
    const { url, seen } = await serve((_req, res, n) => (n < 3 ? res.writeHead(500).end("oops") : res.end("ok")));
    await sendPayload(url, {}, FAST);
    expect(seen).toHaveLength(3);
  });

  it("gives up after the retries on a server that keeps failing, naming the status but not the URL", async () => {
    const { url, seen } = await serve((_req, res) => res.writeHead(503).end(`down, see ${url}`));
    const message = await failure(sendPayload(url, {}, FAST));
    expect(seen).toHaveLength(4);
    expect(message).toMatch(/^the webhook answered 503 Service Unavailable after 4 attempts: down, see <url>$/);
    expect(message).not.toContain("SECRET");
  });

  it("does not retry a 4xx", async () => {
    const { url, seen } = await serve((_req, res) => res.writeHead(404).end("no_service"));
    const message = await failure(sendPayload(url, {}, FAST));
    expect(seen).toHaveLength(1);
    expect(message).toBe("the webhook answered 404 Not Found: no_service");
  });

  it("times out on a server that never answers, without trying again", async () => {
    const { url, seen } = await serve(() => undefined);
    const started = Date.now();
    const message = await failure(sendPayload(url, {}, { ...FAST, timeoutMs: 300 }));
    expect(message).toBe("no answer within 0.3 s");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(seen).toHaveLength(1);
  });

  it("reports a refused connection without the host, port or path", async () => {
    const { url } = await serve((_req, res) => res.end());
    const server = servers.pop() as Server;
    await new Promise((resolve) => server.close(resolve));
    const message = await failure(sendPayload(url, {}, FAST));
    expect(message).toBe("the connection was refused (after 4 attempts)");
    expect(message).not.toMatch(/127\.0\.0\.1|SECRET|services/);
  });

  it("fails at once when Retry-After asks for longer than the bound", async () => {
    const { url, seen } = await serve((_req, res) => res.writeHead(429, { "retry-after": "3600" }).end());
    expect(await failure(sendPayload(url, {}, FAST))).toBe("the webhook answered 429 Too Many Requests and asked to wait 3600 s, longer than 5 s");
    expect(seen).toHaveLength(1);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-12-07T09:00:00Z");
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("Mon, 07 Dec 2026 09:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });
});

describe("proxies", () => {
  it("goes through HTTPS_PROXY/HTTP_PROXY (a CONNECT tunnel), and around it for a NO_PROXY host", async () => {
    const { url, seen } = await serve((_req, res) => res.end("ok"));
    const tunnels: string[] = [];
    const proxy = createServer((_req, res) => res.writeHead(502).end());
    proxy.on("connect", (req: IncomingMessage, socket: Socket, head: Buffer) => {
      tunnels.push(req.url ?? "");
      const [host, port] = (req.url ?? "").split(":");
      const upstream = connect(Number(port), host, () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
    });
    servers.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    expect(await proxyDispatcher({})).toBeUndefined();
    await sendPayload(url, { via: "proxy" }, { ...FAST, dispatcher: await proxyDispatcher({ http_proxy: proxyUrl, HTTPS_PROXY: proxyUrl }) });
    expect(tunnels).toEqual([new URL(url).host]);
    await sendPayload(url, { via: "direct" }, { ...FAST, dispatcher: await proxyDispatcher({ HTTP_PROXY: proxyUrl, NO_PROXY: "127.0.0.1" }) });
    expect(tunnels).toHaveLength(1);
    expect(seen.map((s) => s.body)).toEqual(['{"via":"proxy"}', '{"via":"direct"}']);
  });
});
