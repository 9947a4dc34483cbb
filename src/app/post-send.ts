import { sanitizeLine } from "../render/sanitize.js";

/**
 * Sends one JSON payload to a webhook with Node's built-in fetch: a timeout per attempt, retries
 * with backoff on 429 and 5xx (waiting as long as `Retry-After` asks, within a bound), no retry on
 * another 4xx. A webhook URL is a secret (whoever has it can post): no message made here holds it,
 * nor anything fetch said about it (its errors name the host and port).
 */

export interface SendOptions {
  readonly timeoutMs: number;
  /** Attempts after the first one. */
  readonly retries: number;
  /** The first backoff; it doubles at each retry. */
  readonly backoffMs: number;
  /** A `Retry-After` longer than this fails the post instead of holding the job. */
  readonly maxWaitMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** undici dispatcher for fetch (the proxy agent), when one is needed. */
  readonly dispatcher?: unknown;
}

export const DEFAULT_SEND: SendOptions = { timeoutMs: 10_000, retries: 3, backoffMs: 1_000, maxWaitMs: 60_000 };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The proxy agent for `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` (either case), or undefined when none
 * is set: Node 20's fetch reads no proxy variables itself. undici is loaded only then.
 */
export async function proxyDispatcher(env: Env): Promise<unknown> {
  const pick = (name: string): string | undefined => env[name] || env[name.toLowerCase()] || undefined;
  const httpsProxy = pick("HTTPS_PROXY");
  const httpProxy = pick("HTTP_PROXY");
  if (!httpsProxy && !httpProxy) return undefined;
  const { EnvHttpProxyAgent } = await import("undici");
  return new EnvHttpProxyAgent({ ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), noProxy: pick("NO_PROXY") ?? "" });
}

export class PostFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PostFailed";
  }
}

const sleeper = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `Retry-After` in milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value.trim()) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function networkReason(error: unknown): string {
  let cause: unknown = error;
  for (let i = 0; i < 4 && cause instanceof Error; i++) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === "ECONNREFUSED") return "the connection was refused";
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name did not resolve";
    if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was closed before an answer";
    if (code?.startsWith("ERR_TLS") || code?.startsWith("UNABLE_TO") || code?.includes("CERT")) return "the TLS connection failed (certificate)";
    if (code === "UND_ERR_CONNECT_TIMEOUT") return "the connection timed out";
    cause = cause.cause;
  }
  return "the request failed before an answer";
}

/** A short, safe excerpt of what the server said: one line, no URL in it. */
function excerpt(body: string, url: string): string {
  let text = body.replaceAll(url, "<url>");
  const { pathname } = new URL(url);
  if (pathname.length > 8) text = text.replaceAll(pathname, "<path>");
  text = sanitizeLine(text.replace(/\s+/g, " ").trim());
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** Posts `body` to `url`; throws PostFailed with a one-line reason that never holds the URL. */
export async function sendPayload(url: string, body: unknown, options: SendOptions = DEFAULT_SEND): Promise<void> {
  const sleep = options.sleep ?? sleeper;
  const json = JSON.stringify(body);
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      const init = {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "user-agent": "git-tasks" },
        body: json,
        redirect: "error" as const,
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      };
      response = await fetch(url, init as unknown as RequestInit);
    } catch (error) {
      const name = (error as Error).name;
      // A timed-out request may have been delivered: trying again could post it twice.
      if (name === "TimeoutError" || name === "AbortError") throw new PostFailed(`no answer within ${options.timeoutMs / 1000} s`);
      const reason = networkReason(error);
      if (attempt < options.retries && reason === "the connection was refused") {
        await sleep(options.backoffMs * 2 ** attempt);
        continue;
      }
      throw new PostFailed(attempt > 0 ? `${reason} (after ${attempt + 1} attempts)` : reason);
    }
    const text = await response.text().catch(() => "");
    if (response.ok) return;
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    const said = excerpt(text, url);
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= options.retries) {
      const tries = attempt > 0 ? ` after ${attempt + 1} attempts` : "";
      throw new PostFailed(`the webhook answered ${status}${tries}${said ? `: ${said}` : ""}`);
    }
    const asked = retryAfterMs(response.headers.get("retry-after"), Date.now());
    const wait = asked ?? options.backoffMs * 2 ** attempt;
    if (wait > options.maxWaitMs) throw new PostFailed(`the webhook answered ${status} and asked to wait ${Math.ceil(wait / 1000)} s, longer than ${options.maxWaitMs / 1000} s`);
    await sleep(wait);
  }
}
