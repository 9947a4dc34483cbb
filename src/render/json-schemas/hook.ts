import { envelope } from "./common.js";
import { boolean, nullable, object, oneOf, string } from "./schema.js";

/** tasks hook install, uninstall and status. */
export const hookSchema = envelope(
  "hook",
  {
    action: oneOf(["install", "uninstall", "status"]),
    result: oneOf(["installed", "updated", "unchanged", "removed", "not-installed"], { description: "what the command did (status: what is there)" }),
    changed: boolean({ description: "a hook file was written, moved or removed" }),
    path: string({ description: "the hook's absolute path: the folder git runs hooks from (core.hooksPath respected)" }),
    installed: boolean({ description: "the git-tasks hook is there now" }),
    savedHook: nullable(string({ description: "the hook that was there before, kept under prepare-commit-msg.tasks-original" })),
    chained: boolean({ description: "that kept hook runs first at every commit (false: replaced with --force)" }),
    restored: boolean({ description: "uninstall put the kept hook back in its place" }),
    foreign: boolean({ description: "a hook that is not git-tasks' is in that place" }),
    launcher: nullable(object({ node: string(), script: string() }, { description: "what the installed hook runs" })),
    stale: boolean({ description: "that node or script is gone: the hook does nothing until installed again" }),
  },
  { description: "tasks hook install | uninstall | status" },
);
