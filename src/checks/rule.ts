import type { CodeLinks } from "../domain/code-links.js";
import type { Config } from "../domain/config.js";
import type { OverrideClosing } from "../domain/overrides.js";
import type { Problem, Task } from "../domain/task.js";
import type { Finding, RuleName, Severity } from "./finding.js";

/**
 * The shape every rule has. A rule is a pure function of the context and its settings; it knows
 * nothing about files, git or output.
 */

/** What history says about one task file, read from the window the history rules need. */
export interface TaskHistoryFacts {
  /** Committer date (ISO, clamped to now) of the last commit in the window that touched the file. */
  readonly lastChange: string | null;
  /** When the task's current blocked spell began, if that happened inside the window. */
  readonly blockedSince: string | null;
  /** When the task first moved into an active status inside the window (its start, for service levels). */
  readonly firstActive?: string | null;
}

export interface HistoryFacts {
  /** The window's start (ISO): nothing older was read. */
  readonly since: string;
  /** By repo-relative path (ids can be duplicated; paths cannot). */
  readonly byPath: ReadonlyMap<string, TaskHistoryFacts>;
  /** Task files changed in the working tree or never committed: their history is being written now. */
  readonly uncommitted: ReadonlySet<string>;
  /** Closings with an override in the window (`tasks done --force`), oldest first. */
  readonly overrides?: readonly OverrideClosing[];
}

export interface CheckContext {
  readonly tasks: readonly Task[];
  /** Files that could not be used as tasks, with why. */
  readonly problems: readonly Problem[];
  readonly config: Config;
  readonly now: Date;
  /** Absent when no history rule runs, or when history cannot be trusted (shallow clone). */
  readonly history?: HistoryFacts;
  /** Code links of the window the code-link rules read (absent when none runs, or on a shallow clone). */
  readonly codeLinks?: { readonly links: CodeLinks; readonly mainBranch: string | null };
}

export interface RuleSettings {
  readonly severity: Severity;
  /** The threshold of the rules that take one (stale, blocked-too-long). */
  readonly days: number;
}

export interface Rule {
  readonly name: RuleName;
  readonly defaultSeverity: Severity;
  /** Rules with a threshold in days say its default; the others leave it out. */
  readonly defaultDays?: number;
  /** Needs git history (skipped with a notice on a shallow clone). */
  readonly usesHistory: boolean;
  /** When it needs history only under some settings (`sla:` present), which; always when absent. */
  readonly historyWhen?: (config: Config) => boolean;
  readonly description: string;
  check(ctx: CheckContext, settings: RuleSettings): Finding[];
}

/** The rules of a run that read history under this config. */
export function historyRuleNames(rules: readonly EnabledRule[], config: Config): RuleName[] {
  return rules.filter((r) => r.rule.usesHistory && (r.rule.historyWhen?.(config) ?? true)).map((r) => r.rule.name);
}

export interface EnabledRule {
  readonly rule: Rule;
  readonly settings: RuleSettings;
}
