import { generateId, taskFileName } from "../domain/ids.js";
import { createHash } from "node:crypto";
import { brokenTwins, escapeMarkers, type ImportPlan, type ImportRecord, planImport, SOURCE_FIELD, type UnreadableFile } from "../domain/import-plan.js";
import { appendLogEntry, formatLogEntry } from "../domain/task-log.js";
import { formatStamp, inZone } from "../domain/time.js";
import { tasksCommitMessage } from "../git/commit-message.js";
import { assertWritable } from "../git/repo-state.js";
import { decodeTask } from "../storage/task-codec.js";
import { withToolLock } from "../storage/tool-lock.js";
import type { Problem } from "../domain/task.js";
import type { Deps, Repo } from "./deps.js";
import { TasksError } from "./errors.js";
import { commitWrites, type Write } from "./renumber.js";
import { type Actor, applyChange, currentActor } from "./task-transaction.js";
import { preflightWrite } from "./write-preflight.js";

/**
 * `tasks import`: plan (pure) → build every file's text and validate it → write them all and make
 * ONE commit; if anything fails, every file is put back. `--dry-run` stops after the plan.
 */

export interface ImportOutcome {
  readonly plan: ImportPlan;
  readonly paths: ReadonlyMap<string, string>;
  readonly commit: string | null;
  readonly dryRun: boolean;
}

/** sha-256 of an imported body, as `source-body-hash` keeps it. */
export function bodyHash(text: string): string {
  return `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
}

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;
const LOG_HEADING = /^## Log[ \t]*\r?$/m;

/** The file with the part of its body before `## Log` replaced by upstream's body (laid out as on creation). */
function replaceImportedBody(text: string, body: string): string {
  const head = FRONTMATTER.exec(text)?.[0];
  if (head === undefined) return text;
  const rest = text.slice(head.length);
  const at = rest.search(LOG_HEADING);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const imported = body === "" ? eol : `${eol}${body.replace(/\r?\n/g, eol)}${eol}${eol}`;
  return `${head}${imported}${at < 0 ? "" : rest.slice(at)}`;
}

/** The unreadable files' raw text (files too large or not files at all are left out: nothing to read). */
function unreadableFiles(repo: Repo, problems: readonly Problem[]): UnreadableFile[] {
  const files: UnreadableFile[] = [];
  for (const problem of problems) {
    const bytes = repo.store.readFileBytes(repo.store.absPath(problem.path));
    if (bytes instanceof Uint8Array) files.push({ problem, text: new TextDecoder().decode(bytes) });
  }
  return files;
}

/** A record whose task is there but broken would be created a second time: stop, naming the file. */
function refuseBrokenTwins(repo: Repo, plan: ImportPlan, problems: readonly Problem[]): void {
  if (plan.creates.length === 0 || problems.length === 0) return;
  const twins = brokenTwins(plan.source, plan.creates, unreadableFiles(repo, problems));
  const first = twins[0];
  if (first === undefined) return;
  const { problem } = first.file;
  const more = twins.length > 1 ? ` (and ${twins.length - 1} more broken file${twins.length > 2 ? "s" : ""})` : "";
  throw new TasksError(
    "INVALID_TASK_FILE",
    `${problem.path}:${problem.line}: ${problem.message}${problem.field ? ` (${problem.field})` : ""}; it holds ${plan.source} ${first.create.record.sourceId} (source-id, line ${first.sourceIdLine}), so importing now would make a second task for it${more}; nothing was imported`,
    { hint: `fix ${problem.path}${problem.hint ? ` (${problem.hint})` : ""}, check it with 'tasks check', then run the import again` },
  );
}

async function buildWrites(repo: Repo, plan: ImportPlan, actor: Actor, now: Date, month: string): Promise<{ writes: Write[]; paths: Map<string, string> }> {
  const eol = "\n";
  const stamp = formatStamp(now, actor.zone);
  const who = actor.person;
  const { renderFrontmatter, editFrontmatterYaml } = await import("../storage/yaml-edit.js");
  const writes: Write[] = [];
  const paths = new Map<string, string>();
  for (const create of plan.creates) {
    const title = create.record.title;
    // The slug keeps only ASCII letters and digits: a title like "../../x" cannot leave the folder.
    const path = `${repo.config.tasksDir}/${month}/${taskFileName(create.id, title)}`;
    let body = `\n${escapeMarkers(create.record.body)}${create.record.body ? "\n" : ""}`;
    body = appendLogEntry(body, formatLogEntry(stamp, who, `imported from ${plan.source} ${create.record.sourceId}`), eol);
    const met = create.record.dod.filter((c) => c.met).map((c) => `met: ${c.text}`);
    if (met.length > 0) body = appendLogEntry(body, formatLogEntry(stamp, who, met.join("\n")), eol);
    const text = `---\n${renderFrontmatter(create.fields, eol)}---\n${body}`;
    const decoded = await decodeTask(path, new TextEncoder().encode(text));
    if ("problem" in decoded) throw new TasksError("INVALID_VALUE", `${create.record.where}: the imported task would be invalid: ${decoded.problem.message}; nothing was imported`, { hint: decoded.problem.hint });
    writes.push({ absPath: repo.store.absPath(path), text, before: undefined });
    paths.set(create.record.sourceId, path);
  }
  const loaded = new Map((await repo.store.loadFiles(plan.updates.map((u) => repo.store.absPath(u.task.path)))).loaded.map((l) => [l.task.path, l]));
  for (const update of plan.updates) {
    const file = loaded.get(update.task.path);
    if (!file) throw new TasksError("CONFLICT", `${update.task.path} could not be read again; nothing was imported`);
    const fields = [...update.edits.map((e) => e.key).filter((k) => k !== SOURCE_FIELD.bodyHash), ...(update.body !== undefined ? ["body"] : [])];
    const log = fields.length > 0 ? `updated from ${plan.source} ${update.record.sourceId}: ${fields.join(", ")}` : `recorded the body imported from ${plan.source} ${update.record.sourceId}`;
    const source = update.body === undefined ? file.text : replaceImportedBody(file.text, update.body);
    const withStamp = applyChange(source, { action: "import", edits: update.edits, log }, actor, now, (yaml, e) => editFrontmatterYaml(yaml, update.edits, e));
    const decoded = await decodeTask(update.task.path, new TextEncoder().encode(withStamp));
    if ("problem" in decoded) throw new TasksError("INVALID_VALUE", `${update.record.where}: the update would make ${update.task.path} invalid: ${decoded.problem.message}; nothing was imported`);
    writes.push({ absPath: file.absPath, text: withStamp, before: file.text });
    paths.set(update.record.sourceId, update.task.path);
  }
  return { writes, paths };
}

export async function runImportPlan(deps: Deps, input: { readonly source: string; readonly records: readonly ImportRecord[]; readonly commit: boolean; readonly dryRun: boolean }): Promise<ImportOutcome> {
  const repo = await deps.repo();
  if (!input.dryRun) await assertWritable(repo.gitDir, { committing: false });
  const actor = await currentActor(deps, repo);
  const now = deps.now();
  const decide = async (): Promise<ImportOutcome> => {
    const { loaded, problems } = await repo.store.loadFiles((await repo.store.listFiles()).files);
    const taken = await repo.store.idTaken();
    const used = new Set<string>();
    const plan = planImport(
      input.source,
      input.records,
      loaded.map((l) => l.task),
      repo.config,
      () => {
        const id = generateId(deps.random, (candidate) => taken(candidate) || used.has(candidate));
        used.add(id);
        return id;
      },
      bodyHash,
    );
    refuseBrokenTwins(repo, plan, problems);
    const month = inZone(now, actor.zone).toFormat("yyyy-MM");
    const { writes, paths } = await buildWrites(repo, plan, actor, now, month);
    if (input.dryRun || writes.length === 0) return { plan, paths, commit: null, dryRun: input.dryRun };
    const touched = [...plan.creates.map((c) => ({ id: c.id, title: c.record.title })), ...plan.updates.map((u) => ({ id: u.task.id, title: u.task.title }))];
    const message = tasksCommitMessage("import", touched, `${plan.creates.length} created, ${plan.updates.length} updated from ${input.source}`);
    const commit = await commitWrites(deps, repo, writes, [], input.commit, message);
    return { plan, paths, commit, dryRun: false };
  };
  if (input.dryRun) return decide();
  return withToolLock(repo.gitDir, async () => {
    await preflightWrite(deps, repo, { committing: input.commit, commitsToHead: true });
    return decide();
  });
}
