import { visibleIdentity } from "./invisible-characters.js";

/**
 * The repository's settings as the domain sees them: validated, with defaults filled in.
 * Loading and validating `.tasks/config.yml` is storage's job; this file only holds the shapes and
 * the questions the rest of the code asks of them.
 */

/** The settings file, relative to the repository root. */
export const CONFIG_PATH = ".tasks/config.yml";

export const CATEGORIES = ["open", "active", "blocked", "closed"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface StatusDef {
  readonly name: string;
  readonly category: Category;
}

export interface WorkingHours {
  /** Minutes after local midnight. */
  readonly start: number;
  readonly end: number;
}

export interface Member {
  readonly handle: string;
  readonly name: string | null;
  readonly emails: readonly string[];
  /** IANA zone; already resolved against the repository default. */
  readonly timezone: string;
  readonly hours: WorkingHours;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly days: readonly number[];
  /** Time off (`away:` in the roster), in the order written. */
  readonly away?: readonly AwayPeriod[];
  /** The holiday calendars (repo-relative `.ics` paths) that apply: their own, else the team's. */
  readonly holidays?: readonly string[];
}

/**
 * A period of time off, as written (`2026-12-21..2027-01-03`, or `from:`/`to:` dates or local
 * date-times) and as the instants it covers: from `start` (inclusive) to `end` (exclusive). A
 * date range covers whole local days, the `to` day included.
 */
export interface AwayPeriod {
  readonly from: string;
  readonly to: string;
  readonly note: string | null;
  readonly start: number;
  readonly end: number;
}

/** A holiday calendar: local dates (`2026-12-25`) to the holiday's name. */
export type HolidayCalendar = ReadonlyMap<string, string>;

export interface Config {
  /** Repo-relative folder holding the task files, with forward slashes and no trailing slash. */
  readonly tasksDir: string;
  readonly timezone: string;
  readonly statuses: readonly StatusDef[];
  readonly priorities: readonly string[];
  readonly team: readonly Member[];
  /** The team's holiday calendars (`holidays:` at the top level), for people without their own. */
  readonly holidays?: readonly string[];
  /** Every calendar named anywhere, by path, as loaded from the repository. */
  readonly calendars?: ReadonlyMap<string, HolidayCalendar>;
  /** `claims: lease:`: how long a claim holds without a change by its owner; none when absent. */
  readonly claims?: { readonly lease: { readonly amount: number; readonly unit: "day" | "hour" } | null };
  /**
   * `review:`: which tasks must name a reviewer (`required-for: {priority: [high], labels:
   * [security]}`) and how long a review may wait in the reviewer's working time (`waiting-after:
   * 8 working hours`); none when absent (docs/review.md).
   */
  readonly review?: {
    readonly requiredFor: { readonly priorities: readonly string[]; readonly labels: readonly string[] } | null;
    readonly waitingAfter: { readonly amount: number; readonly unit: "day" | "hour" } | null;
  };
  /** `sla:`: service levels per priority, in working time; none when absent (docs/sla.md). */
  readonly sla?: ServiceLevels;
  /** The `check:` section, validated by the check command itself. */
  readonly check: Readonly<Record<string, unknown>>;
  /** The `post:` section: the environment variable per target, the timeout. */
  readonly post: PostConfig;
  /** The `links:` section: which trailers name a task (`Task`), and the main branch (null: found from git). */
  readonly links: { readonly trailers: readonly string[]; readonly mainBranch: string | null };
  /** True when `.tasks/config.yml` exists. */
  readonly present: boolean;
}

/** A span of working time: `4 working hours`, `3 working days`. */
export interface WorkingSpan {
  readonly amount: number;
  readonly unit: "day" | "hour";
}

/** One priority's service level: from creation to the first active status, and to done. */
export interface ServiceLevel {
  readonly startWithin: WorkingSpan | null;
  readonly doneWithin: WorkingSpan | null;
}

export interface ServiceLevels {
  /** By priority name (only configured priorities). */
  readonly byPriority: ReadonlyMap<string, ServiceLevel>;
  /** The share of the allowed working time after which a running clock is a near-breach (0.8). */
  readonly nearBreach: number;
}

export interface PostConfig {
  /** Another environment variable per target (`slack: TEAM_SLACK_WEBHOOK`). */
  readonly variables: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number | null;
  /** Settings (`post.slack`, `team.bob.name`) that hold a webhook URL itself: a secret in a committed file. */
  readonly literalUrls: readonly string[];
  /** The line in `.tasks/config.yml` of each of those settings, when known. */
  readonly literalUrlLines?: Readonly<Record<string, number>>;
}

export const DEFAULT_POST: PostConfig = { variables: {}, timeoutSeconds: null, literalUrls: [] };

export const DEFAULT_STATUSES: readonly StatusDef[] = [
  { name: "todo", category: "open" },
  { name: "in-progress", category: "active" },
  { name: "review", category: "active" },
  { name: "blocked", category: "blocked" },
  { name: "done", category: "closed" },
  { name: "dropped", category: "closed" },
];

export const DEFAULT_PRIORITIES: readonly string[] = ["low", "normal", "high", "urgent"];
export const DEFAULT_HOURS: WorkingHours = { start: 9 * 60, end: 17 * 60 };
export const DEFAULT_DAYS: readonly number[] = [1, 2, 3, 4, 5];

export const DEFAULT_CONFIG: Config = {
  tasksDir: "tasks",
  timezone: "UTC",
  statuses: DEFAULT_STATUSES,
  priorities: DEFAULT_PRIORITIES,
  team: [],
  holidays: [],
  calendars: new Map(),
  check: {},
  post: DEFAULT_POST,
  links: { trailers: ["Task"], mainBranch: null },
  present: false,
};

const statusIndex = new WeakMap<readonly StatusDef[], Map<string, Category>>();

/** Each status's category (the first definition of a name wins): for loops over every task, one lookup each. */
export function statusCategories(config: Config): ReadonlyMap<string, Category> {
  let index = statusIndex.get(config.statuses);
  if (!index) {
    index = new Map();
    for (const s of config.statuses) if (!index.has(s.name)) index.set(s.name, s.category);
    statusIndex.set(config.statuses, index);
  }
  return index;
}

export function categoryOf(config: Config, status: string): Category | undefined {
  return statusCategories(config).get(status);
}

/** The first configured status of a category: `todo` for open, `in-progress` for active… */
export function firstStatusOf(config: Config, category: Category): string | undefined {
  return config.statuses.find((s) => s.category === category)?.name;
}

export function statusNames(config: Config): string[] {
  return config.statuses.map((s) => s.name);
}

// Every task asks who its owner is (zone, schedule): index the roster once per config. People are
// compared as they read: `bob` + U+2060 in a file is bob (and check reports the hidden character).
const rosterIndex = new WeakMap<readonly Member[], { handles: Map<string, Member>; emails: Map<string, Member> }>();

export function findMember(config: Config, who: string): Member | undefined {
  let index = rosterIndex.get(config.team);
  if (!index) {
    index = { handles: new Map(), emails: new Map() };
    for (const member of config.team) {
      if (!index.handles.has(member.handle)) index.handles.set(member.handle, member);
      for (const email of member.emails) {
        const key = visibleIdentity(email).toLowerCase();
        if (!index.emails.has(key)) index.emails.set(key, member);
      }
    }
    rosterIndex.set(config.team, index);
  }
  const visible = visibleIdentity(who);
  return index.handles.get(visible) ?? index.emails.get(visible.toLowerCase());
}

/** A person typed on the command line (`bob`, `bob@example.com`, `me`) as written in task files. */
export function handleFor(config: Config, named: string, me: string): string {
  if (named === "me") return me;
  return findMember(config, named)?.handle ?? named;
}

/** The zone a person's dates are read in: their roster zone, else the repository's. */
export function zoneFor(config: Config, who: string | null | undefined): string {
  if (who) {
    const member = findMember(config, who);
    if (member) return member.timezone;
  }
  return config.timezone;
}

/** How a person is written in task files: their roster handle, else their email. */
export function personFor(config: Config, email: string, name?: string): string {
  const member = findMember(config, email);
  if (member) return member.handle;
  return email || name || "unknown";
}
