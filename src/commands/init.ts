import { lstat, readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { type Command, Option } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { TasksError } from "../app/errors.js";
import { currentActor } from "../app/task-transaction.js";
import { isValidZone } from "../domain/time.js";
import { oneLine } from "../git/commit-message.js";
import { assertWritable } from "../git/repo-state.js";
import { ensureMergeDriver } from "../app/merge-driver-setup.js";
import { preflightWrite } from "../app/write-preflight.js";
import { envelope } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { CONFIG_PATH, validateConfig } from "../storage/config-store.js";
import { writeFileAtomic } from "../storage/safe-fs.js";
import { afterPartialWrite } from "../app/write-errors.js";
import { configScaffold, GITHUB_WORKFLOW_PATH, githubWorkflow, gitattributesLine, gitattributesMergeLine, tasksReadme } from "../storage/scaffold.js";
import { TaskStore } from "../storage/task-store.js";
import { withToolLock } from "../storage/tool-lock.js";
import { addCommitOption, withExamples } from "./shared/help.js";

export interface InitOptions {
  readonly tasksFolder?: string;
  readonly timezone?: string;
  readonly commit: boolean;
  /** Also write a CI workflow that runs `tasks check`. */
  readonly ci?: "github";
}

export function registerInit(program: Command, deps: Deps): void {
  const command = program
    .command("init")
    .description("set up git-tasks in this repository: .tasks/config.yml, the tasks folder, .gitattributes, and this clone's merge driver; safe to run again, and in every clone")
    .option("--tasks-folder <dir>", "where task files live (default: tasks)")
    .option("--timezone <zone>", "the repository's IANA time zone (default: yours)")
    .addOption(new Option("--ci <provider>", `also write a CI workflow that runs tasks check (${GITHUB_WORKFLOW_PATH})`).choices(["github"]));
  addCommitOption(command);
  withExamples(command, ["tasks init", "tasks init --tasks-folder docs/tasks --timezone Europe/Berlin", "tasks init --ci github"]);
  command.action(async (flags: { tasksFolder?: string; timezone?: string; commit?: boolean; ci?: "github" }) =>
    emitResult(
      deps,
      await runInit(
        { ...(flags.tasksFolder ? { tasksFolder: flags.tasksFolder } : {}), ...(flags.timezone ? { timezone: flags.timezone } : {}), ...(flags.ci ? { ci: flags.ci } : {}), commit: flags.commit !== false },
        deps,
      ),
    ),
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** A folder we would take over must hold nothing but task files (and a README). */
async function assertOnlyTasks(store: TaskStore, dir: string): Promise<void> {
  if (!(await exists(store.tasksRoot))) return;
  const foreign: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name === ".gitkeep" || entry.name.toLowerCase() === "readme.md") continue;
      else if (!entry.name.endsWith(".md") || !entry.isFile()) foreign.push(store.relPath(full));
    }
  };
  await walk(store.tasksRoot);
  const { files } = await store.listFiles();
  const { problems } = await store.loadFiles(files);
  foreign.push(...problems.map((p) => p.path));
  if (foreign.length > 0) {
    const list = foreign.slice(0, 5).map(sanitizeLine).join(", ") + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : "");
    throw new TasksError("INIT_REFUSED", `${dir}/ already holds files that are not tasks: ${list}`, { hint: "choose another folder: tasks init --tasks-folder <dir>" });
  }
}

/** Appends the lines `.gitattributes` lacks (LF endings, the merge driver); true when it wrote. */
async function ensureAttributes(root: string, tasksDir: string): Promise<boolean> {
  const path = join(root, ".gitattributes");
  const attributes = (await exists(path)) ? await readFile(path, "utf8") : "";
  const present = attributes.split(/\r?\n/);
  const missing = [gitattributesLine(tasksDir), gitattributesMergeLine(tasksDir)].filter((line) => !present.includes(line));
  if (missing.length === 0) return false;
  const prefix = attributes === "" || attributes.endsWith("\n") ? attributes : `${attributes}\n`;
  await writeFileAtomic(root, path, `${prefix}${missing.map((line) => `${line}\n`).join("")}`, { label: (p) => relative(root, p) });
  return true;
}

/**
 * Decides, before anything is written, whether the workflow file is to be written: not when an
 * identical one is there; refused when a different one is, or when a folder on the way is a link.
 */
async function workflowNeeded(root: string): Promise<boolean> {
  let dir = root;
  for (const part of GITHUB_WORKFLOW_PATH.split("/").slice(0, -1)) {
    dir = join(dir, part);
    const stat = await lstat(dir).catch(() => undefined);
    if (stat && (stat.isSymbolicLink() || !stat.isDirectory())) {
      throw new TasksError("UNSAFE_PATH", `${relative(root, dir)} is not a plain folder; refusing to write the workflow through it`);
    }
  }
  const path = join(root, ...GITHUB_WORKFLOW_PATH.split("/"));
  const stat = await lstat(path).catch(() => undefined);
  if (!stat) return true;
  if (stat.isFile() && (await readFile(path, "utf8")) === githubWorkflow()) return false;
  throw new TasksError("INIT_REFUSED", `${GITHUB_WORKFLOW_PATH} already exists and differs from the one tasks init writes`, {
    hint: "keep yours, or move it away and run tasks init --ci github again (docs/ci.md shows the workflow)",
  });
}

export async function runInit(options: InitOptions, deps: Deps): Promise<CommandResult> {
  let repo;
  try {
    repo = await deps.repo();
  } catch (error) {
    if (error instanceof TasksError && error.code === "NOT_A_GIT_REPO") {
      throw new TasksError("NOT_A_GIT_REPO", `${deps.cwd()} is not inside a git repository`, { hint: "run 'git init' first, then 'tasks init'" });
    }
    throw error;
  }
  const { root, gitDir } = repo;
  await assertWritable(gitDir, { committing: false });
  const configPath = join(root, ".tasks", "config.yml");
  const hasConfig = await exists(configPath);
  const timezone = options.timezone ?? (await deps.readerZone());
  if (!isValidZone(timezone)) throw new TasksError("INVALID_VALUE", `"${timezone}" is not an IANA time zone`, { hint: "use a name like Europe/Berlin" });
  const tasksDir = hasConfig ? repo.config.tasksDir : (options.tasksFolder ?? repo.config.tasksDir).replace(/\/+$/, "");
  if (hasConfig && options.tasksFolder && options.tasksFolder.replace(/\/+$/, "") !== tasksDir) {
    throw new TasksError("INIT_REFUSED", `${CONFIG_PATH} already sets tasks-folder: ${tasksDir}`, { hint: "edit .tasks/config.yml to move the tasks folder" });
  }
  const config = hasConfig ? repo.config : validateConfig({ "tasks-folder": tasksDir, timezone }).config;
  const store = new TaskStore(root, config);
  if (!hasConfig) await assertOnlyTasks(store, tasksDir);
  const actor = options.commit ? await currentActor(deps, repo) : undefined;
  const writeWorkflow = options.ci === "github" && (await workflowNeeded(root));

  return withToolLock(gitDir, async () => {
    await preflightWrite(deps, repo, { committing: options.commit, commitsToHead: true });
    const written: string[] = [];
    const label = (path: string): string => relative(root, path);
    try {
      if (!hasConfig) {
        await writeFileAtomic(root, configPath, configScaffold(tasksDir, timezone), { label });
        written.push(CONFIG_PATH);
      }
      const readme = join(store.tasksRoot, "README.md");
      if (!(await exists(readme))) {
        await store.write(readme, tasksReadme(tasksDir));
        written.push(`${tasksDir}/README.md`);
      }
      if (await ensureAttributes(root, tasksDir)) written.push(".gitattributes");
      if (writeWorkflow) {
        await writeFileAtomic(root, join(root, ...GITHUB_WORKFLOW_PATH.split("/")), githubWorkflow(), { label });
        written.push(GITHUB_WORKFLOW_PATH);
      }
    } catch (error) {
      throw afterPartialWrite(error, written);
    }
    // Local config, never a tracked file: every clone runs init once to get field-level merges.
    const driver = await ensureMergeDriver(deps, "always");
    let commit: string | null = null;
    if (written.length > 0 && options.commit && actor) {
      const git = await deps.git();
      commit = await git.commitPaths(written, { subject: oneLine("tasks: init"), trailers: [["Task-Action", "init"]] }, { addNew: true });
    }
    return {
      json: envelope("init", { tasksFolder: tasksDir, written, commit, mergeDriver: driver }),
      plain: written.map((w) => `${w}\n`).join(""),
      human: ({ style }) => {
        const driverLine = driver === "unchanged" ? "" : `${style.green(`merge driver ${driver}`)} in this clone's git config (merge.tasks.driver)\n`;
        if (written.length === 0) return `${style.dim("already initialised:")} tasks live in ${sanitizeLine(tasksDir)}/\n${driverLine}`;
        return `${style.green("initialised")} git-tasks${commit ? style.dim(` [${commit.slice(0, 7)}]`) : ""}\n${written.map((w) => `  ${sanitizeLine(w)}`).join("\n")}\n${driverLine}${hasConfig ? "" : 'Next: tasks new "Your first task"\n'}`;
      },
    };
  });
}
