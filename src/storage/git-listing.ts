import { lstatSync } from "node:fs";
import { join, sep } from "node:path";
import type { Config } from "../domain/config.js";
import type { Problem } from "../domain/task.js";
import { INDEX_GITLINK, INDEX_LINK, INDEX_REGULAR, INDEX_WATCHED, type IndexScan, isObjectId } from "../git/work-state.js";
import { TEMP_SUFFIX } from "./safe-fs.js";

/**
 * The task folder's files from what git says about it (`git status` and `git ls-files -s`),
 * instead of a walk of every folder: what TaskStore lists for reads and changes.
 */

/** What git said about the tasks folder (git/work-state.ts FolderState): enough to list its files. */
export interface GitFolderView {
  readonly entries: readonly { readonly code: string; readonly path: string }[];
  readonly ignored: readonly string[];
  /** The index's stage-0 entries: paths, kinds (INDEX_* bits) and blob ids. */
  readonly index: Pick<IndexScan, "paths" | "kinds" | "blob">;
}

/** The folder's files from git's view, and the blob id of each one git calls clean. */
export interface GitListing {
  /** Absolute paths, sorted (made when first asked for). */
  readonly files: string[];
  /** The same files, repo-relative. */
  readonly paths: string[];
  /** The blob id of each file whose bytes are the index's (and HEAD's); undefined for the others. */
  readonly blobs: (string | undefined)[];
  readonly problems: Problem[];
}

/** What listingFromGit needs of the store. */
export interface ListedStore {
  readonly root: string;
  readonly tasksRoot: string;
  readonly config: Pick<Config, "tasksDir">;
  absPath(relPath: string): string;
}

function isSorted(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if ((list[i - 1] as string) >= (list[i] as string)) return false;
  return true;
}

/**
 * The files TaskStore.listFiles finds, from git's view (see TaskStore.filesFromGit), with the
 * symbolic links the walk would report as problems, and the blob id of every listed file git calls
 * clean (tracked, a regular file, watched, and not named by status:
 * its bytes are the index's, which git checks by content when the stat data is racy).
 */
export function listingFromGit(view: GitFolderView, store: ListedStore, withBlobs = true): GitListing | undefined {
  try {
    if (!lstatSync(store.tasksRoot).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const prefix = `${store.config.tasksDir}/`;
  // Called once per file of the folder (10,000 and more): no slices, no regular expressions.
  const from = prefix.length - 1;
  const below = (path: string): boolean => {
    if (!path.startsWith(prefix)) return false;
    // No part below the folder starts with a dot (nor is empty).
    return path.indexOf("/.", from) === -1 && path.indexOf("//", from) === -1;
  };
  // `/readme.md` in any case; the name already ends in `.md`.
  const isReadme = (path: string): boolean => path.length >= 10 && path.charCodeAt(path.length - 10) === 47 && path.slice(-9, -3).toLowerCase() === "readme";
  const isTaskName = (path: string): boolean => below(path) && path.endsWith(".md") && !path.endsWith(TEMP_SUFFIX) && !isReadme(path);
  // A link the walk reports: a name ending in .md or without a dot, below the folder.
  const linkName = (path: string): boolean => {
    const name = path.slice(path.lastIndexOf("/") + 1);
    return below(path) && (name.endsWith(".md") || !name.includes("."));
  };
  const named = new Set<string>();
  for (const entry of view.entries) named.add(entry.path);
  for (const path of view.ignored) named.add(path);
  // The index holds each path once (stage 0), and a path in `look` is never one of these: an
  // array does what a set would.
  let paths: string[] = [];
  let blobs: (string | undefined)[] = [];
  const look = new Set<string>();
  const index = view.index;
  for (let i = 0; i < index.paths.length; i++) {
    const path = index.paths[i] as string;
    const kind = index.kinds[i] as number;
    if (kind & INDEX_GITLINK) return undefined;
    if (kind & INDEX_LINK && linkName(path)) look.add(path);
    if (!isTaskName(path)) continue;
    if (kind & INDEX_WATCHED && kind & INDEX_REGULAR && !named.has(path)) {
      paths.push(path);
      if (withBlobs) {
        const blob = index.blob(i);
        blobs.push(isObjectId(blob) ? blob : undefined);
      } else blobs.push(undefined);
    } else look.add(path);
  }
  for (const path of named) {
    if (path.endsWith("/")) return undefined;
    if (isTaskName(path) || linkName(path)) look.add(path);
  }
  const links: string[] = [];
  let added = false;
  for (const path of look) {
    try {
      const stat = lstatSync(store.absPath(path));
      if (stat.isSymbolicLink()) {
        if (linkName(path)) links.push(path);
      } else if (stat.isFile() && isTaskName(path)) {
        paths.push(path);
        blobs.push(undefined);
        added = true;
      }
    } catch {
      // gone from the working tree: not listed, as the walk would not list it
    }
  }
  if (process.platform === "darwin" && [...paths, ...links].some((p) => /[^\x20-\x7e]/.test(p))) return undefined;
  // The index's order is nearly always the order a sort gives (they differ only past U+FFFF):
  // sort (100,000 long paths with one prefix are worth avoiding) only when it is not.
  if (added || !isSorted(paths)) {
    const order = paths.map((_, i) => i).sort((a, b) => ((paths[a] as string) < (paths[b] as string) ? -1 : 1));
    paths = order.map((i) => paths[i] as string);
    blobs = order.map((i) => blobs[i]);
  }
  // git's paths are normalized (it refuses `.`, `..` and empty parts), so joining is appending.
  const plain = sep === "/" && join(store.root) === store.root && store.root !== "/";
  const problems: Problem[] = links.sort().map((path) => ({ path, line: 1, kind: "symlink", message: "symbolic link in the tasks folder; it is not read", hint: "replace it with the file itself" }));
  let files: string[] | undefined;
  return {
    // Absolute paths only for those who ask (a change, files to parse): reads mostly do not.
    get files() {
      files ??= paths.map((p) => (plain ? `${store.root}/${p}` : store.absPath(p)));
      return files;
    },
    paths,
    blobs,
    problems,
  };
}
