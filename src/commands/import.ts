import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { TasksError, usageError } from "../app/errors.js";
import type { ImportOutcome } from "../app/import-run.js";
import type { ImportRecord } from "../domain/import-plan.js";
import { envelope } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { addCommitOption, withExamples } from "./shared/help.js";

export const IMPORT_SOURCES = ["backlog", "github", "csv"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

export interface ImportOptions {
  readonly source: ImportSource;
  readonly input: string;
  readonly statusMap: ReadonlyMap<string, string>;
  readonly map: readonly string[];
  readonly dryRun: boolean;
  readonly commit: boolean;
}

const many = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerImport(program: Command, deps: Deps): void {
  const command = program
    .command("import")
    .argument("<source>", `where the tasks are now: ${IMPORT_SOURCES.join(", ")}`)
    .argument("<input>", "backlog: the project folder; github: the JSON file of gh issue list, or - for stdin; csv: the file, or -")
    .description("create tasks from another tracker in one commit; a re-run updates what changed upstream and never duplicates")
    .option("-n, --dry-run", "show the plan; write nothing")
    .option("--status <from=to>", "map an upstream status to one of ours; repeatable", many)
    .option("--map <field=column,...>", "csv: which column fills which field (title=Summary,owner=Assignee,…); repeatable", many);
  addCommitOption(command);
  withExamples(command, [
    "tasks import backlog ../old-project --dry-run",
    "gh issue list --state all --json number,title,body,state,assignees,labels,milestone,createdAt,closedAt,url,author --limit 1000 | tasks import github -",
    "tasks import csv export.csv --map id=Key,title=Summary,owner=Assignee,status=State --status 'In QA=review'",
  ]);
  command.action(async (source: string, input: string, flags: Record<string, unknown>) => {
    if (!(IMPORT_SOURCES as readonly string[]).includes(source)) throw usageError(`unknown import source "${sanitizeLine(source)}"`, `sources: ${IMPORT_SOURCES.join(", ")}`);
    const statusMap = new Map<string, string>();
    for (const pair of (flags.status as string[] | undefined) ?? []) {
      const at = pair.lastIndexOf("=");
      if (at <= 0 || at === pair.length - 1) throw usageError(`--status takes from=to, not "${sanitizeLine(pair)}"`, "e.g. --status 'In QA=review'");
      statusMap.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      statusMap.set(pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim());
    }
    const options: ImportOptions = { source: source as ImportSource, input, statusMap, map: (flags.map as string[] | undefined) ?? [], dryRun: flags.dryRun === true, commit: flags.commit !== false };
    await emitResult(deps, await runImport(options, deps));
  });
}

async function readRecords(options: ImportOptions, deps: Deps): Promise<ImportRecord[]> {
  const { config } = await deps.repo();
  const { resolve } = await import("node:path");
  const input = options.input === "-" ? "-" : resolve(deps.cwd(), options.input);
  if (options.source === "backlog") return (await import("../storage/import-backlog.js")).readBacklogProject(input, { config, statusMap: options.statusMap });
  const text = input === "-" ? await readAll(deps.system.stdin()) : await (await import("node:fs/promises")).readFile(input, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new TasksError("INVALID_VALUE", `cannot read ${options.input}: ${error.code ?? error.message}`, { hint: "give the path of the exported file, or - to read stdin" });
  });
  const label = options.input === "-" ? "stdin" : options.input;
  if (options.source === "github") return (await import("../domain/import-github.js")).parseGithubIssues(text, label, config, options.statusMap);
  return (await import("../domain/import-csv.js")).parseCsvTasks(text, label, options.map, config, options.statusMap);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

function rows(outcome: ImportOutcome): { action: "create" | "update" | "unchanged"; id: string; sourceId: string; title: string; path: string | null; changed: string[] }[] {
  const { plan, paths } = outcome;
  return [
    ...plan.creates.map((c) => ({ action: "create" as const, id: c.id, sourceId: c.record.sourceId, title: c.record.title, path: paths.get(c.record.sourceId) ?? null, changed: [] })),
    ...plan.updates.map((u) => ({ action: "update" as const, id: u.task.id, sourceId: u.record.sourceId, title: u.record.title, path: u.task.path, changed: [...u.edits.map((e) => e.key), ...(u.body !== undefined ? ["body"] : [])] })),
    ...plan.unchanged.map((u) => ({ action: "unchanged" as const, id: u.task.id, sourceId: u.record.sourceId, title: u.record.title, path: u.task.path, changed: [] })),
  ];
}

export async function runImport(options: ImportOptions, deps: Deps): Promise<CommandResult> {
  const records = await readRecords(options, deps);
  const { runImportPlan } = await import("../app/import-run.js");
  const outcome = await runImportPlan(deps, { source: options.source, records, commit: options.commit, dryRun: options.dryRun });
  const list = rows(outcome);
  const { plan } = outcome;
  const verb = (action: string): string => (options.dryRun ? { create: "would create", update: "would update", unchanged: "unchanged" }[action] ?? action : { create: "created", update: "updated", unchanged: "unchanged" }[action] ?? action);
  const line = (r: (typeof list)[number]): string => `${verb(r.action)}\t${r.id}\t${sanitizeLine(r.sourceId)}\t${sanitizeLine(r.title)}${r.changed.length > 0 ? `\t${r.changed.join(",")}` : ""}\n`;
  for (const c of plan.conflicts) deps.warn(`warning: ${sanitizeLine(c.task.path)}: ${c.message} (${options.source} ${sanitizeLine(c.record.sourceId)}, field ${c.field}); kept the text here (to take upstream's, make the body what was imported or delete source-body-hash and the body)`);
  for (const person of plan.unknownPeople) deps.warn(`warning: ${sanitizeLine(person)} is not on the team roster; left out (add them to .tasks/config.yml and import again)`);
  return {
    json: envelope("import", { source: options.source, dryRun: options.dryRun, tasks: list, unknownPeople: [...plan.unknownPeople], conflicts: plan.conflicts.map((c) => ({ id: c.task.id, sourceId: c.record.sourceId, path: c.task.path, field: c.field, message: c.message })), commit: outcome.commit }),
    plain: list.map(line).join(""),
    human: ({ style }) => {
      const summary = `${plan.creates.length} ${options.dryRun ? "to create" : "created"}, ${plan.updates.length} ${options.dryRun ? "to update" : "updated"}, ${plan.unchanged.length} unchanged`;
      const tail = options.dryRun ? style.dim("(dry run: nothing written)\n") : outcome.commit ? style.dim(`[${outcome.commit.slice(0, 7)}]\n`) : list.some((r) => r.action !== "unchanged") ? style.dim("(not committed)\n") : "";
      return `${list.map(line).join("")}${summary}\n${tail}`;
    },
  };
}
