import { buildPayloads } from "../render/post-cards.js";
import { POST_TARGETS, type PostNote, type PostTarget } from "../render/post-chat.js";
import { renderJson } from "../render/json.js";
import { sanitizeLine } from "../render/sanitize.js";
import type { Config } from "../domain/config.js";
import type { CommandResult } from "../render/output.js";
import type { Deps } from "./deps.js";
import { ExitCode, usageError } from "./errors.js";
import { DEFAULT_SEND, PostFailed, type SendOptions } from "./post-send.js";

/**
 * `--post <target>` on the rituals: the note's Markdown as each target's payloads, sent to the
 * URL in the target's environment variable (never a file: a webhook URL is a secret), once per
 * ritual, person, local day and target (the record in refs/tasks/posted), with `--force` to post
 * again and `--dry-run` to print the payloads instead. A failed post is one line on stderr naming
 * the target, and exit 1; the note itself is still printed or written.
 */

export const URL_VARIABLES: Readonly<Record<PostTarget, string>> = {
  slack: "TASKS_SLACK_WEBHOOK_URL",
  teams: "TASKS_TEAMS_WEBHOOK_URL",
  discord: "TASKS_DISCORD_WEBHOOK_URL",
  "google-chat": "TASKS_GOOGLE_CHAT_WEBHOOK_URL",
  webhook: "TASKS_WEBHOOK_URL",
};

export interface PostRequest {
  readonly targets: readonly PostTarget[];
  readonly dryRun: boolean;
  readonly force: boolean;
}

/** Who and when a post is about: the dedupe key is ritual, person, local day and target. */
export interface PostSubject {
  readonly who: string;
  /** The local date (yyyy-mm-dd) or week (2026-W49) the note is for. */
  readonly day: string;
}

export function postRequest(flags: { post?: string[]; dryRun?: boolean; force?: boolean }): PostRequest {
  const targets: PostTarget[] = [];
  for (const name of flags.post ?? []) {
    const target = name.trim().toLowerCase();
    if (!(POST_TARGETS as readonly string[]).includes(target)) throw usageError(`--post ${name}: no such target`, `the targets are: ${POST_TARGETS.join(", ")}`);
    if (!targets.includes(target as PostTarget)) targets.push(target as PostTarget);
  }
  return { targets, dryRun: flags.dryRun === true, force: flags.force === true };
}

export function postKey(ritual: string, subject: PostSubject, target: PostTarget): string {
  return [ritual, encodeURIComponent(subject.who), subject.day, target].join("/");
}

function sendOptions(deps: Deps, config: Config): SendOptions {
  const raw = deps.settings.env.TASKS_POST_TIMEOUT;
  if (raw === undefined || raw === "") return config.post.timeoutSeconds === null ? DEFAULT_SEND : { ...DEFAULT_SEND, timeoutMs: config.post.timeoutSeconds * 1000 };
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw usageError(`TASKS_POST_TIMEOUT="${raw}" is not a number of seconds`, "use a value like 10 (at most 600)");
  return { ...DEFAULT_SEND, timeoutMs: seconds * 1000 };
}

function variableFor(config: Config, target: PostTarget): string {
  return config.post.variables[target] ?? URL_VARIABLES[target];
}

function webhookUrl(deps: Deps, config: Config, target: PostTarget): { url: string } | { problem: string } {
  if (config.post.literalUrls.includes(`post.${target}`)) return { problem: `.tasks/config.yml post.${target} holds a URL; name the environment variable that holds it instead (and rotate that webhook)` };
  const variable = variableFor(config, target);
  const value = deps.settings.env[variable]?.trim();
  if (!value) return { problem: `${variable} is not set (put the webhook URL in a CI secret and pass it in the environment)` };
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { problem: `${variable} is not a URL` };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return { problem: `${variable} is not an http(s) URL` };
  return { url: value };
}

/** The dry run's output: every payload, exactly as it would be sent. */
function dryRunResult(posts: { target: PostTarget; variable: string; key: string; already: boolean; payloads: object[] }[]): CommandResult {
  const json = { schemaVersion: 1, kind: "post-dry-run", posts };
  const text = renderJson(json);
  return { json, plain: text, human: () => text };
}

/** Posts the note to each requested target; returns what the command prints (and its exit code). */
export async function postNote(deps: Deps, note: PostNote, subject: PostSubject, request: PostRequest, result: CommandResult): Promise<CommandResult> {
  if (request.targets.length === 0) return result;
  const { root, config } = await deps.repo();
  const options = sendOptions(deps, config);
  const [{ readPostRecord, writePostRecord }, { gitEnvironment }] = await Promise.all([import("../git/post-record.js"), import("../git/simple-git-client.js")]);
  const env = gitEnvironment(deps.settings.env);
  // Fetched even with --force: the record written after posting must merge the remote's.
  const fetched = await readPostRecord(root, env);
  const record = request.force ? { ...fetched, keys: new Set<string>() } : fetched;
  if (record.fetchProblem) deps.warn(`warning: ${record.fetchProblem}; only this clone's record of earlier posts is used`);
  if (request.dryRun) {
    return dryRunResult(
      request.targets.map((target) => {
        const key = postKey(note.ritual, subject, target);
        return { target, variable: variableFor(config, target), key, already: record.keys.has(key), payloads: buildPayloads(target, note) };
      }),
    );
  }
  const { sendPayload, proxyDispatcher } = await import("./post-send.js");
  const dispatcher = await proxyDispatcher(deps.settings.env);
  const sending: SendOptions = dispatcher ? { ...options, dispatcher } : options;
  // Errors are shown even with --quiet: the exit code alone would not say which target failed.
  const fail = (text: string): void => void deps.system.stderr.write(deps.ciSafe(`${sanitizeLine(text)}\n`));
  const posted: string[] = [];
  let failed = 0;
  for (const target of request.targets) {
    const key = postKey(note.ritual, subject, target);
    if (record.keys.has(key)) {
      deps.warn(`${target}: the ${note.ritual} for ${subject.who} on ${subject.day} was already posted; not posted again (--force posts it again)`);
      continue;
    }
    const found = webhookUrl(deps, config, target);
    if ("problem" in found) {
      fail(`error: ${target}: ${found.problem}`);
      failed++;
      continue;
    }
    const payloads = buildPayloads(target, note);
    try {
      for (const [i, payload] of payloads.entries()) {
        await sendPayload(found.url, payload, sending).catch((error: unknown) => {
          if (error instanceof PostFailed && payloads.length > 1) throw new PostFailed(`message ${i + 1} of ${payloads.length}: ${error.message}`);
          throw error;
        });
      }
      posted.push(key);
      deps.note(`posted the ${note.ritual} to ${target}${payloads.length > 1 ? ` (${payloads.length} messages)` : ""}`);
    } catch (error) {
      if (!(error instanceof PostFailed)) throw error;
      fail(`error: ${target}: the post failed: ${error.message}`);
      failed++;
    }
  }
  if (posted.length > 0) {
    const problem = await writePostRecord(root, env, posted, deps.now());
    if (problem) deps.warn(`warning: ${problem}`);
  }
  return failed > 0 ? { ...result, exitCode: ExitCode.failure } : result;
}
