import { describe, expect, it } from "vitest";
import { TasksError } from "./errors.js";
import { afterFailedRollback, afterRollback, gitWriteError, unmappedEnvironmentError, writeError } from "./write-errors.js";

const errno = (code: string, extra: Record<string, string> = {}): NodeJS.ErrnoException => Object.assign(new Error(`${code}: something, write`), { code, ...extra });

describe("writeError: the machine's refusal as one line with a hint", () => {
  it.each([
    ["ENOSPC", "no space left on device", "free some disk space"],
    ["EDQUOT", "disk quota exceeded", "quota"],
    ["EFBIG", "the file would exceed the file-size limit", "ulimit -f"],
    ["EROFS", "the file system is read-only", "read-write"],
    ["EACCES", "permission denied", "ls -ld tasks/2026-11"],
    ["EPERM", "operation not permitted", "chattr -i"],
    ["EMFILE", "too many open files", "ulimit -n"],
    ["EIO", "input/output error", "dmesg"],
  ])("%s", (code, reason, hint) => {
    const error = writeError(errno(code), "tasks/2026-11/k7m2q-login.md", { unchanged: true });
    expect(error?.code).toBe("WRITE_FAILED");
    expect(error?.exitCode).toBe(1);
    expect(error?.message).toBe(`could not write tasks/2026-11/k7m2q-login.md: ${reason} (${code}); nothing was changed`);
    expect(error?.hint).toContain(hint);
  });

  it("anything else is not ours to explain; a path that is not plain is not pasted into a hint", () => {
    expect(writeError(errno("ENOENT"), "x", { unchanged: true })).toBeUndefined();
    expect(writeError(new Error("boom"), "x", { unchanged: true })).toBeUndefined();
    expect(writeError(errno("EPERM"), "tasks/$(rm -rf ~)/a.md", { unchanged: false })?.hint).toContain("lsattr -d <folder>");
    expect(writeError(errno("EPERM"), "a.md", { unchanged: false })?.message).toBe("could not write a.md: operation not permitted (EPERM)");
  });

  it("git's own words for a full disk; other git failures are left alone", () => {
    expect(gitWriteError("error: unable to create temporary file: No space left on device\nfatal: updating files failed", "commit", undefined)?.message).toBe(
      "git commit could not write to the repository: no space left on device (ENOSPC)",
    );
    expect(gitWriteError("fatal: not a git repository", "commit", undefined)).toBeUndefined();
  });

  it("after a rollback the message says nothing changed; if the rollback failed too it says which files hold the change", () => {
    const git = gitWriteError("No space left on device", "commit", undefined) as TasksError;
    expect((afterRollback(git) as TasksError).message).toBe("git commit could not write to the repository: no space left on device (ENOSPC); nothing was changed");
    expect(afterRollback(afterRollback(git))).toEqual(afterRollback(git));
    const other = new TasksError("GIT_FAILED", "git commit failed: x");
    expect(afterRollback(other)).toBe(other);
    const stuck = afterFailedRollback(afterRollback(git), ["tasks/a.md"]);
    expect(stuck.message).toBe("git commit could not write to the repository: no space left on device (ENOSPC); tasks/a.md could not be put back and holds the new text, uncommitted");
    expect(stuck.hint).toContain("git restore -- <file>");
  });

  it("the last resort names the operation and the path, and promises nothing", () => {
    expect(unmappedEnvironmentError(errno("ENOSPC", { syscall: "open", path: "/r/.git/tasks.lock" }))?.message).toBe("could not open /r/.git/tasks.lock: no space left on device (ENOSPC)");
    expect(unmappedEnvironmentError(errno("ENOSPC", { syscall: "write" }))?.message).toBe("could not write a file: no space left on device (ENOSPC)");
    expect(unmappedEnvironmentError(errno("ENOENT", { syscall: "open" }))).toBeUndefined();
  });
});
