import type { CodeLinks, LinkedCommit } from "../domain/code-links.js";
import { type Config, personFor } from "../domain/config.js";
import { clamp } from "../domain/history.js";
import { inZone } from "../domain/time.js";
import type { CodeLinksJson, LinkedCommitJson } from "./json-schemas/tasks.js";
import { sanitizeLine } from "./sanitize.js";

/** A task's code links as JSON (show, log, reports) and as lines of text. */

export interface TaskLinkSource {
  readonly links: CodeLinks;
  readonly mainBranch: string | null;
  readonly since: string | null;
  readonly unmerged: readonly { readonly name: string; readonly commit: string; readonly committerDate: string; readonly subject: string; readonly ids: readonly string[] }[];
}

export function toLinkedCommitJson(commit: LinkedCommit, config: Config, zone: string, now: Date): LinkedCommitJson {
  const at = clamp(commit.committerDate, now);
  return {
    commit: commit.hash,
    short: commit.hash.slice(0, 7),
    subject: commit.subject,
    author: personFor(config, commit.authorEmail, commit.authorName),
    authorName: commit.authorName,
    authorEmail: commit.authorEmail,
    at,
    atLocal: inZone(at, zone).toFormat("yyyy-MM-dd HH:mm ZZ"),
    kinds: commit.kinds,
    onMain: commit.onMain,
  };
}

/** `links:` entries that are web addresses (commit ids are listed among the commits). */
export function linkUrls(manual: readonly string[]): string[] {
  return manual.filter((link) => /^https?:\/\//i.test(link));
}

export function toCodeLinksJson(source: TaskLinkSource, id: string, manual: readonly string[], config: Config, zone: string, now: Date): CodeLinksJson {
  return {
    mainBranch: source.mainBranch,
    since: source.since,
    commits: (source.links.byTask.get(id) ?? []).map((c) => toLinkedCommitJson(c, config, zone, now)),
    branches: source.unmerged.filter((b) => b.ids.includes(id)).map((b) => ({ name: b.name, commit: b.commit, at: b.committerDate, subject: b.subject })),
    urls: linkUrls(manual),
  };
}

const KIND_TEXT: Readonly<Record<string, string>> = { trailer: "", closes: "closes", fixes: "fixes", branch: "branch", manual: "linked" };

/** One line per linked commit: `a1b2c3d 2026-12-01 14:02  alice  Fix the timeout (closes)`; every string sanitized. */
export function renderLinkedCommitLine(commit: LinkedCommitJson): string {
  const kinds = commit.kinds.map((k) => KIND_TEXT[k] ?? k).filter(Boolean);
  const notes = [...kinds, ...(commit.onMain ? [] : ["not on main"])];
  return `${commit.short} ${commit.atLocal.slice(0, 16)}  ${sanitizeLine(commit.author)}  ${sanitizeLine(commit.subject)}${notes.length ? ` (${notes.join(", ")})` : ""}`;
}

export function renderCodeLinkLines(links: CodeLinksJson): string[] {
  return [
    ...links.commits.map(renderLinkedCommitLine),
    ...links.branches.map((b) => `branch ${sanitizeLine(b.name)} (not merged)`),
    ...links.urls.map((url) => sanitizeLine(url)),
  ];
}
