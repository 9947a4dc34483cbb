import type { MergeText } from "../domain/merge-body.js";
import type { CommitMessage } from "./commit-message.js";
import type { RemotePort } from "./remote-ops.js";

/**
 * The narrow port the rest of the tool uses to talk to git. One implementation runs real git
 * (simple-git-client.ts); tests use real temp repositories.
 */

export interface Identity {
  readonly name: string;
  readonly email: string;
}

export interface GitPort extends RemotePort {
  /** Absolute path of the working tree's top level. */
  readonly root: string;
  /** Who commits: git's own answer (config and GIT_AUTHOR_* variables). Throws when unset. */
  identity(): Promise<Identity>;
  /** Stages new files, then commits exactly `paths` and nothing else the user has staged. */
  commitPaths(paths: readonly string[], message: CommitMessage, options: { readonly addNew: boolean }): Promise<string>;
  /** Removes paths from the index again (rollback of a `new` whose commit failed). */
  unstage(paths: readonly string[]): Promise<void>;
  /** Puts the index entries of `paths` back to HEAD's (rollback of a multi-file commit that failed). */
  restoreIndex(paths: readonly string[]): Promise<void>;
  /** Runs `git log` with the given arguments (built by history code in this folder) and returns stdout. */
  log(args: readonly string[]): Promise<string>;
  /** Reads blobs by id in one `git cat-file --batch` process. */
  readBlobs(ids: readonly string[]): Promise<Map<string, Uint8Array>>;
  /** Is this a shallow clone? History-based answers are incomplete there. */
  isShallow(): Promise<boolean>;
  /** git's own three-way text merge (`git merge-file` in this repository). */
  readonly mergeText: MergeText;
  /** Runs any other read-only git command (arguments are constants of our code, never task text). */
  raw(args: readonly string[]): Promise<string>;
}
