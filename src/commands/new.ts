import type { Command } from "commander";
import type * as TemplateEngineModule from "../render/template-engine.js";
import type * as YamlEditModule from "../storage/yaml-edit.js";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { TasksError } from "../app/errors.js";
import { createTaskFile } from "../app/task-transaction.js";
import { categoryOf, type Config, findMember, firstStatusOf, handleFor, statusNames } from "../domain/config.js";
import { cleanText, splitList, validateDependency, validatePriority } from "../domain/field-input.js";
import { generateId, taskFileName } from "../domain/ids.js";
import { appendLogEntry, formatLogEntry } from "../domain/task-log.js";
import { FIELD, type JsonValue } from "../domain/task.js";
import { formatStamp, inZone, isoInZone, parseDueInput } from "../domain/time.js";
import type { CommandResult } from "../render/output.js";
import { loadTemplate } from "../storage/template-store.js";
import { addCommitOption, withExamples } from "./shared/help.js";
import { mutationResult } from "./shared/mutation-result.js";

type TemplateEngine = typeof TemplateEngineModule;
type YamlEditor = typeof YamlEditModule;

export interface NewOptions {
  readonly title: string | undefined;
  readonly owner?: string;
  readonly due?: string;
  readonly dod: readonly string[];
  readonly priority?: string;
  readonly labels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly reviewer?: string;
  readonly goal?: string;
  readonly body?: string;
  readonly status?: string;
  readonly commit: boolean;
}

const many = (value: string, previous: string[] = []): string[] => [...previous, value];
const manySplit = (value: string, previous: string[] = []): string[] => [...previous, ...splitList(value)];

export function registerNew(program: Command, deps: Deps): void {
  const command = program
    .command("new")
    .argument("[title...]", "the task's title")
    .description("create a task; asks for what is missing only on a terminal. Prints the new id")
    .option("-o, --owner <who>", "owner: roster handle, email, or 'me'")
    .option("-d, --due <when>", "due date: 2026-12-01, 2026-12-01T17:00:00+01:00, today, tomorrow, friday, +3d, +2w")
    .option("--dod <criterion>", "a criterion of the definition of done; repeatable", many)
    .option("-p, --priority <priority>", "priority (low, normal, high, urgent unless configured)")
    .option("-l, --label <labels>", "labels, comma-separated; repeatable", manySplit)
    .option("--depends-on <ids>", "ids this task waits on, comma-separated; repeatable", manySplit)
    .option("--reviewer <who>", "who reviews the work")
    .option("-g, --goal <goal>", "the goal or outcome this serves")
    .option("-b, --body <text>", "the task's description (Markdown)")
    .option("--status <status>", "initial status (default: the first open one)");
  addCommitOption(command);
  withExamples(command, [
    'tasks new "Fix login timeout on slow networks" --due friday --priority high',
    'tasks new "Runbook for failover" --owner me --dod "Reviewed by ops" --dod "Linked from the wiki"',
    'id=$(tasks new "Rotate API keys" --label security)   # piped: prints only the id',
  ]);
  command.action(async (words: string[], flags: Record<string, unknown>) => {
    const text = (key: string): string | undefined => (typeof flags[key] === "string" ? (flags[key] as string) : undefined);
    const options: NewOptions = {
      title: words.length > 0 ? words.join(" ") : undefined,
      ...optional("owner", text("owner")),
      ...optional("due", text("due")),
      dod: (flags.dod as string[] | undefined) ?? [],
      ...optional("priority", text("priority")),
      labels: (flags.label as string[] | undefined) ?? [],
      dependsOn: (flags.dependsOn as string[] | undefined) ?? [],
      ...optional("reviewer", text("reviewer")),
      ...optional("goal", text("goal")),
      ...optional("body", text("body")),
      ...optional("status", text("status")),
      commit: flags.commit !== false,
    };
    await emitResult(deps, await runNew(options, deps));
  });
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** On a terminal, asks for the title (required) and the usual details; elsewhere a title is required. */
async function askForMissing(options: NewOptions, deps: Deps): Promise<NewOptions> {
  if (options.title !== undefined && options.title.trim() !== "") return options;
  if (!deps.canPrompt()) {
    throw new TasksError("NOT_INTERACTIVE", "a title is needed to create a task", { hint: 'tasks new "Fix login timeout" [--due friday --owner me …]' });
  }
  const ask = await deps.prompts();
  const title = await ask.input("Title:", { required: true });
  const due = options.due ?? ((await ask.input("Due (optional: 2026-12-01, friday, +3d):")) || undefined);
  const owner = options.owner ?? ((await ask.input("Owner (optional: handle, email or 'me'):")) || undefined);
  const dod = [...options.dod];
  if (dod.length === 0) {
    for (;;) {
      const item = await ask.input(`Definition of done, criterion ${dod.length + 1} (empty to finish):`);
      if (!item.trim()) break;
      dod.push(item);
    }
  }
  return { ...options, title, dod, ...(due ? { due } : {}), ...(owner ? { owner } : {}) };
}

function resolvePerson(config: Config, value: string, me: string, field: string, deps: Deps): string {
  const handle = handleFor(config, value === "me" ? value : cleanText(value, field), me);
  if (config.team.length > 0 && !findMember(config, handle)) deps.warn(`warning: ${handle} is not on the team roster in .tasks/config.yml`);
  return handle;
}

export async function runNew(input: NewOptions, deps: Deps): Promise<CommandResult> {
  const options = await askForMissing(input, deps);
  const title = cleanText(options.title ?? "", "title");
  const { config } = await deps.repo();
  // The template engine and the YAML writer are loaded here, not at startup (`--help` stays fast),
  // and once the preflight's git processes run: compiling them does not hold back their start.
  const engines = (): Promise<[TemplateEngine, YamlEditor]> => Promise.all([import("../render/template-engine.js"), import("../storage/yaml-edit.js")]);
  let loading: ReturnType<typeof engines> | undefined;
  const load = (): ReturnType<typeof engines> => (loading ??= engines());
  const result = await createTaskFile(deps, options, async ({ actor, now, repo }) => {
    const [{ renderTemplate }, { renderFrontmatter }] = await load();
    const status = options.status ?? firstStatusOf(config, "open") ?? statusNames(config)[0] ?? "todo";
    if (categoryOf(config, status) === undefined) throw new TasksError("INVALID_VALUE", `unknown status "${status}"`, { hint: `configured statuses: ${statusNames(config).join(", ")}` });
    const idExists = await repo.store.idExists();
    const fields: [string, JsonValue][] = [];
    const add = (key: string, value: JsonValue | undefined): void => {
      if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) fields.push([key, value]);
    };
    const id = generateId(deps.random, await repo.store.idTaken());
    add(FIELD.id, id);
    add(FIELD.title, title);
    add(FIELD.status, status);
    add(FIELD.owner, options.owner === undefined ? undefined : resolvePerson(config, options.owner, actor.person, "owner", deps));
    add(FIELD.due, options.due === undefined ? undefined : parseDueInput(options.due, now, actor.zone));
    add(FIELD.priority, options.priority === undefined ? undefined : validatePriority(config, options.priority));
    add(FIELD.labels, options.labels.map((l) => cleanText(l, "label")));
    add(FIELD.dependsOn, options.dependsOn.map((d) => validateDependency(d, { config, now, zone: actor.zone, idExists })));
    add(FIELD.reviewer, options.reviewer === undefined ? undefined : resolvePerson(config, options.reviewer, actor.person, "reviewer", deps));
    add(FIELD.goal, options.goal === undefined ? undefined : cleanText(options.goal, "goal"));
    add(FIELD.created, isoInZone(now, actor.zone));
    add(FIELD.definitionOfDone, options.dod.map((d) => cleanText(d, "definition-of-done")));
    const template = await loadTemplate(repo.root, "task");
    const model = { id, title, status, owner: options.owner ?? "", body: options.body?.replace(/\r\n?/g, "\n").trim() ?? "", created_by: actor.person };
    const rendered = (await renderTemplate(template, model, { asWritten: true })).replace(/^\n+/, "");
    const body = appendLogEntry(`\n${rendered}`, formatLogEntry(formatStamp(now, actor.zone), actor.person, "created"), "\n");
    const month = inZone(now, actor.zone).toFormat("yyyy-MM");
    const absPath = repo.store.absPath(`${config.tasksDir}/${month}/${taskFileName(id, title)}`);
    return { absPath, text: `---\n${renderFrontmatter(fields, "\n")}---\n${body}` };
  }, () => void load().catch(() => undefined));
  return mutationResult({ ...result, before: result.task, changed: true }, config, "new", "created");
}
