import type { Command } from "commander";
import type { Deps } from "../app/deps.js";
import { emitResult } from "../app/emit.js";
import { type HookOutcome, hookStatus, installHook, uninstallHook } from "../app/hook-setup.js";
import { envelope } from "../render/json.js";
import type { CommandResult } from "../render/output.js";
import { sanitizeLine } from "../render/sanitize.js";
import { withExamples } from "./shared/help.js";

export function registerHook(program: Command, deps: Deps): void {
  const hook = program
    .command("hook")
    .description("the prepare-commit-msg hook that adds `Task: <id>` to your commits (install, uninstall, status)");
  withExamples(hook, ["tasks hook install", "tasks hook status", "tasks hook uninstall"]);

  const install = hook
    .command("install")
    .description("install the hook in this repository's hooks folder (core.hooksPath respected); a hook already there is kept and run first")
    .option("-f, --force", "replace the hook that is there instead of running it first (it is kept, and uninstall puts it back)");
  withExamples(install, [
    "tasks hook install            # on feature/k7m2q-login, commits get Task: k7m2q",
    "tasks hook install --force    # replace an existing hook instead of chaining it",
    "TASKS_HOOK=off git commit     # skip the hook for one commit",
  ]);
  install.action(async (flags: { force?: boolean }) => emitResult(deps, hookResult(await installHook(deps, { force: flags.force === true }))));

  const uninstall = hook.command("uninstall").description("remove the hook and put back the one it replaced, exactly as it was");
  withExamples(uninstall, ["tasks hook uninstall"]);
  uninstall.action(async () => emitResult(deps, hookResult(await uninstallHook(deps))));

  const status = hook.command("status").description("whether the hook is installed, where, and what it runs");
  withExamples(status, ["tasks hook status", "tasks hook status --json | jq .installed"]);
  status.action(async () => emitResult(deps, hookResult(await hookStatus(deps))));

  // Run by the hook itself (the launcher reaches it without this program); never by hand.
  hook
    .command("run-prepare-commit-msg", { hidden: true })
    .argument("<file>")
    .argument("[source]")
    .argument("[commit]")
    .action(async (file: string, source: string | undefined, commit: string | undefined) => {
      const { runPrepareCommitMsg } = await import("../app/hook-run.js");
      await runPrepareCommitMsg([file, ...(source !== undefined ? [source] : []), ...(commit !== undefined ? [commit] : [])], deps.system);
    });
}

function describe(o: HookOutcome): string {
  const path = sanitizeLine(o.hookPath);
  const saved = o.savedPath === null ? "" : sanitizeLine(o.savedPath);
  switch (o.result) {
    case "installed":
    case "updated":
    case "unchanged": {
      const verb = o.action === "status" ? "installed:" : o.result === "unchanged" ? "already installed:" : `${o.result}:`;
      const chain = o.savedPath === null ? "" : o.chained ? `\n  runs the hook that was there first (kept as ${saved})` : `\n  replaces the hook that was there (kept as ${saved}; not run)`;
      const runs = o.launcher ? `\n  runs ${sanitizeLine(o.launcher.node)} ${sanitizeLine(o.launcher.launcher)}` : "";
      const stale = o.stale ? "\n  warning: that node or launcher is gone; the hook does nothing until you run tasks hook install again" : "";
      return `${verb} ${path}${chain}${runs}${stale}\n`;
    }
    case "removed":
      return `removed: ${path}${o.restored ? " (the hook it replaced is back in its place)" : ""}\n`;
    case "not-installed":
      return o.foreign ? `not installed: ${path} is another hook (left alone)\n` : `not installed: ${path}\n`;
  }
}

function hookResult(o: HookOutcome): CommandResult {
  return {
    json: envelope("hook", {
      action: o.action,
      result: o.result,
      changed: o.changed,
      path: o.hookPath,
      installed: o.installed,
      savedHook: o.savedPath,
      chained: o.chained,
      restored: o.restored,
      foreign: o.foreign,
      launcher: o.launcher === null ? null : { node: o.launcher.node, script: o.launcher.launcher },
      stale: o.stale,
    }),
    plain: `${o.result}\t${o.hookPath}\n`,
    human: () => describe(o),
  };
}
