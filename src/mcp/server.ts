import type { Readable, Writable } from "node:stream";
import { Writable as WritableStream } from "node:stream";
// The low-level Server, not McpServer: McpServer takes zod schemas only, and our input and output
// schemas are the JSON Schemas of the published `--json` contract (src/render/json-schemas), one
// source for the CLI, schema/*.json and the tools.
import {
  CallToolRequestSchema,
  type CallToolResult,
  CfWorkerJsonSchemaValidator,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type Resource,
  Server,
  StdioServerTransport,
  Validator,
} from "./sdk.js";
import type { Deps, System } from "../app/deps.js";
import { type ErrorJson, errorJson, isTasksError, TasksError, usageError } from "../app/errors.js";
import { parseSettings, type Settings } from "../app/settings.js";
import { findRepo } from "../storage/repo-root.js";
import { runTool, type Tool, TOOLS } from "./tools.js";

/**
 * `tasks mcp`: a Model Context Protocol server over stdio. Each tool call runs the command it
 * stands for in a fresh context (so every call sees the repository as it is now), one call at a
 * time, in the repository the server was started in. stdout carries the protocol and nothing
 * else; warnings go to stderr. The server ends when its stdin closes, after the call in flight.
 */

export interface McpStartOptions {
  readonly cwd: string;
  readonly version: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly machineZone: string;
}

/** The largest message the server reads: far above any real call, far below trouble. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
const RESOURCE_PAGE = 500;
const ROSTER_URI = "roster://team";
const TASK_URI = "task://";
const RESOURCE_NOT_FOUND = -32002;


/**
 * An error the protocol answers with: JSON-RPC code, message and our error object as data. (The
 * SDK's McpError puts "MCP error <code>:" into the message itself, which the client adds again.)
 */
class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data: ErrorJson,
  ) {
    super(message);
  }
}

/** What calls need and the handshake does not: loaded once the client is initialized, or by the first call. */
async function loadRuntime() {
  const [{ createDeps }, { unmappedEnvironmentError }, { JSON_SCHEMAS }, { renderJsonLine }, { sanitizeLine }] = await Promise.all([
    import("../app/deps.js"),
    import("../app/write-errors.js"),
    import("../render/json-schemas/index.js"),
    import("../render/json.js"),
    import("../render/sanitize.js"),
  ]);
  return { createDeps, unmappedEnvironmentError, JSON_SCHEMAS, renderJsonLine, sanitizeLine };
}
type Runtime = Awaited<ReturnType<typeof loadRuntime>>;

function asTasksError(rt: Runtime, error: unknown): TasksError {
  if (isTasksError(error)) return error;
  const mapped = rt.unmappedEnvironmentError(error);
  if (mapped) return mapped;
  const message = error instanceof Error ? error.message : String(error);
  return new TasksError("INTERNAL", `internal error: ${message}`, { hint: "please report this; run with TASKS_DEBUG=1 to see the details on stderr", cause: error });
}


function errorResult(rt: Runtime, error: unknown, stderr: Writable, debug: boolean): CallToolResult {
  const failure = asTasksError(rt, error);
  if (debug && failure.cause instanceof Error) stderr.write(`${failure.cause.stack ?? String(failure.cause)}\n`);
  return { isError: true, content: [{ type: "text", text: rt.renderJsonLine({ error: errorJson(failure) }).trimEnd() }] };
}

/** Validates tool arguments against the tool's input schema (no code generation: workers forbid it). */
function argumentChecker(): (rt: Runtime, spec: Tool, args: unknown) => void {
  const validators = new Map<string, Validator>();
  return (rt, spec, args) => {
    let validator = validators.get(spec.name);
    if (!validator) {
      validator = new Validator(spec.input as object, "2020-12", false);
      validators.set(spec.name, validator);
    }
    const result = validator.validate(args);
    if (result.valid) return;
    // The innermost errors say what is wrong; the outer ones only repeat "properties failed".
    const specific = result.errors.filter((e) => !["properties", "allOf", "anyOf", "$ref"].includes(e.keyword));
    const first = specific[0] ?? result.errors[0];
    const where = first?.instanceLocation.replace(/^#\/?/, "") ?? "";
    throw usageError(`${spec.name}: ${where === "" ? "arguments" : `argument ${where}`}: ${rt.sanitizeLine(first?.error ?? "invalid")}`, `see the input schema of ${spec.name} in tools/list`);
  };
}

/** The one place calls run: in order, one at a time, so two changes never race inside one server. */
function serial(): { run<T>(work: () => Promise<T>): Promise<T>; idle(): Promise<void> } {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(work) {
      const next = tail.then(work, work);
      tail = next.catch(() => undefined);
      return next;
    },
    idle: () => tail.then(() => undefined),
  };
}

export async function startMcpServer(options: McpStartOptions): Promise<void> {
  const settings: Settings = { ...parseSettings(options.env, options.machineZone), githubActions: false, githubStepSummary: undefined };
  // Fail at start, with one line, when there is no repository: a client shows that to its user.
  const location = await findRepo(options.cwd, settings.ceilingDirectories).catch((error: unknown) => {
    if (!isTasksError(error) || error.code !== "NOT_A_GIT_REPO") throw error;
    throw new TasksError(error.code, error.message, { hint: "start tasks mcp inside the repository, or name it: tasks mcp --cwd <path>" });
  });
  const root = location.root;
  const queue = serial();
  const checkArguments = argumentChecker();
  const byName = new Map(TOOLS.map((t) => [t.name, t]));
  let loading: Promise<Runtime> | undefined;
  const runtime = (): Promise<Runtime> => (loading ??= loadRuntime());

  /** A fresh context per call: the command's own, with stdout captured and nothing interactive. */
  const callContext = (rt: Runtime): { deps: Deps; captured: () => string } => {
    const chunks: string[] = [];
    const sink = new WritableStream({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const system: System = {
      env: options.env,
      cwd: root,
      stdout: sink,
      stderr: options.stderr,
      stdinIsTTY: false,
      stdin: () => {
        throw new TasksError("NOT_INTERACTIVE", "a tool cannot ask questions", { hint: "pass everything the command needs as arguments" });
      },
      now: () => new Date(),
      machineZone: options.machineZone,
      randomBytes: (count) => globalThis.crypto.getRandomValues(new Uint8Array(count)),
    };
    const deps = rt.createDeps(system, settings, options.version);
    deps.options = { json: true, color: false, quiet: false, cwd: undefined };
    return { deps, captured: () => chunks.join("") };
  };

  const server = new Server(
    { name: "git-tasks", title: "git-tasks", version: options.version },
    {
      capabilities: { tools: {}, resources: {} },
      jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
      instructions: [
        `The tasks of the git repository at ${root}: Markdown files with YAML frontmatter, one git commit per change.`,
        "Use next to find workable tasks and claim_next or claim to take one; record definition-of-done criteria with dod before done.",
        "Identity is git's user.email, as for the tasks CLI. Errors carry a stable code (error.code) and a hint.",
      ].join(" "),
    },
  );

  // The handshake is answered at once; what the calls need loads while the client asks for tools.
  server.oninitialized = () => void runtime();

  server.setRequestHandler(ListToolsRequestSchema, async () => {
    const { JSON_SCHEMAS } = await runtime();
    return {
      tools: TOOLS.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: t.input as { type: "object" },
      outputSchema: JSON_SCHEMAS[t.output] as { type: "object" },
      annotations: { title: t.title, readOnlyHint: !t.changes, destructiveHint: false, idempotentHint: !t.changes, openWorldHint: t.network === true },
      })),
    };
  });

  // Every request enters the queue the moment it arrives, so a stdin that closes right after it
  // still waits for it.
  server.setRequestHandler(CallToolRequestSchema, (request) =>
    queue.run(async (): Promise<CallToolResult> => {
      const rt = await runtime();
      const spec = byName.get(request.params.name);
      if (!spec) {
        const message = `no tool named ${rt.sanitizeLine(request.params.name.slice(0, 100))}`;
        throw new ProtocolError(ErrorCode.InvalidParams, message, { code: "USAGE", message, hint: "tools/list names the tools" });
      }
      const args: unknown = request.params.arguments ?? {};
      try {
        checkArguments(rt, spec, args);
        const { deps, captured } = callContext(rt);
        const json = await runTool(spec, args, deps, captured);
        deps.finish();
        const kind = (json as { kind?: unknown }).kind;
        if (kind !== spec.output) throw new Error(`${spec.name} answered with kind ${String(kind)}, not ${spec.output}`);
        return { content: [{ type: "text", text: JSON.stringify(json) }], structuredContent: json as Record<string, unknown> };
      } catch (error) {
        return errorResult(rt, error, options.stderr, settings.debug);
      }
    }),
  );

  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [{ uriTemplate: `${TASK_URI}{id}`, name: "task", title: "A task", description: "One task as tasks show --json prints it", mimeType: "application/json" }],
  }));

  server.setRequestHandler(ListResourcesRequestSchema, (request) =>
    queue.run(async () => {
      const rt = await runtime();
      const offset = Number(request.params?.cursor ?? "0");
      if (!Number.isInteger(offset) || offset < 0) {
        const message = "the cursor is not one this server gave";
        throw new ProtocolError(ErrorCode.InvalidParams, message, { code: "USAGE", message, hint: "start again without a cursor" });
      }
      const { deps } = callContext(rt);
      const { tasks } = await (await deps.repo()).store.loadAll();
      const sorted = [...tasks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const roster: Resource[] = offset === 0 ? [{ uri: ROSTER_URI, name: "team", title: "The team roster", description: "zones, working hours and load per person", mimeType: "application/json" }] : [];
      const page = sorted.slice(offset, offset + RESOURCE_PAGE).map((t): Resource => ({ uri: `${TASK_URI}${t.id}`, name: t.id, title: rt.sanitizeLine(t.title), mimeType: "application/json" }));
      const next = offset + RESOURCE_PAGE < sorted.length ? String(offset + RESOURCE_PAGE) : undefined;
      return { resources: [...roster, ...page], ...(next ? { nextCursor: next } : {}) };
    }),
  );

  server.setRequestHandler(ReadResourceRequestSchema, (request) =>
    queue.run(async () => {
      const rt = await runtime();
      const { uri } = request.params;
      const spec = uri === ROSTER_URI ? byName.get("team") : uri.startsWith(TASK_URI) ? byName.get("show") : undefined;
      if (!spec) {
        const message = `no resource ${rt.sanitizeLine(uri.slice(0, 200))}`;
        throw new ProtocolError(RESOURCE_NOT_FOUND, message, { code: "USAGE", message, hint: `the resources are ${TASK_URI}<id> and ${ROSTER_URI}` });
      }
      const args = spec.name === "show" ? { id: decodeURIComponent(uri.slice(TASK_URI.length)) } : {};
      try {
        checkArguments(rt, spec, args);
        const { deps, captured } = callContext(rt);
        const json = await runTool(spec, args, deps, captured);
        return { contents: [{ uri, mimeType: "application/json", text: JSON.stringify(json) }] };
      } catch (error) {
        const failure = asTasksError(rt, error);
        const code = failure.code === "TASK_NOT_FOUND" ? RESOURCE_NOT_FOUND : failure.code === "USAGE" ? ErrorCode.InvalidParams : ErrorCode.InternalError;
        throw new ProtocolError(code, failure.message, errorJson(failure));
      }
    }),
  );

  const transport = new StdioServerTransport(options.stdin, options.stdout as never, { maxBufferSize: MAX_MESSAGE_BYTES });
  const ended = new Promise<void>((resolve) => {
    let closing = false;
    const finish = () => {
      if (closing) return;
      closing = true;
      // The call in flight finishes (its commit lands whole) and its answer is written; then the
      // server goes (closing aborts answers not yet sent).
      void queue
        .idle()
        .then(() => new Promise((flushed) => setImmediate(flushed)))
        .then(() => server.close())
        .finally(resolve);
    };
    options.stdin.once("end", finish);
    options.stdin.once("close", finish);
    server.onclose = finish;
  });
  await server.connect(transport);
  await ended;
}
