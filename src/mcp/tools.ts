import type { Deps } from "../app/deps.js";
import { SORT_KEYS } from "../domain/sort-keys.js";
import type { JsonKind } from "../render/json-schemas/index.js";
import { array, boolean, type Infer, integer, object, type ObjectSchema, oneOf, type Schema, string } from "../render/json-schemas/schema.js";
import type { CommandResult } from "../render/output.js";

/**
 * The tools `tasks mcp` offers: each one a command of the CLI, called through the same `run…`
 * function with the same options, its answer the command's own `--json` (one source: the schema of
 * that kind is the tool's output schema). Changes commit as the command does, one commit each.
 *
 * Arguments never name a file or a folder: templates, `--out` and `-C` stay with the CLI, so
 * nothing outside the repository can be read or written through a tool. Text has a length limit
 * a person would never meet, so a runaway argument is refused before any work.
 */

type Props = Readonly<Record<string, Schema<unknown>>>;

export interface Tool<A = unknown> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: ObjectSchema<Props, string>;
  /** The `--json` kind the tool answers with. */
  readonly output: JsonKind;
  /** Writes to the repository (a commit). */
  readonly changes: boolean;
  /** Asks the upstream (fetch, push) when the repository has one. */
  readonly network?: boolean;
  readonly run: (args: A, deps: Deps) => Promise<CommandResult | void>;
}

function tool<const P extends Props, const O extends keyof P & string = never>(spec: {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: ObjectSchema<P, O>;
  readonly output: JsonKind;
  readonly changes: boolean;
  readonly network?: boolean;
  readonly run: (args: Infer<ObjectSchema<P, O>>, deps: Deps) => Promise<CommandResult | void>;
}): Tool {
  return spec as unknown as Tool;
}

/** Limits on what a tool takes. */
export const LIMITS = { id: 100, line: 1_000, text: 100_000, items: 100 } as const;

const id = string({ description: "task id, a unique prefix of one, or an id it had before a renumber", minLength: 1, maxLength: LIMITS.id });
const line = (description: string) => string({ description, minLength: 1, maxLength: LIMITS.line });
const text = (description: string) => string({ description, minLength: 1, maxLength: LIMITS.text });
const words = (description: string) => array(string({ minLength: 1, maxLength: LIMITS.line }), { description, maxItems: LIMITS.items });
const ids = (description: string) => array(id, { description, maxItems: LIMITS.items });
const flag = (description: string) => boolean({ description });

const filters = {
  status: words("only these statuses or categories (open, active, blocked, closed)"),
  owner: words("only tasks owned by these people (handle, email, or 'none')"),
  mine: flag("only my tasks (git's user.email, as for the CLI)"),
  label: words("only tasks with every one of these labels"),
  goal: words("only tasks toward these goals"),
  overdue: flag("only open work past its due moment, in the owner's zone"),
  dueBefore: line("only tasks due before this date (2026-12-01, friday, +3d)"),
} as const;
const filterKeys = ["status", "owner", "mine", "label", "goal", "overdue", "dueBefore"] as const;

type FilterArgs = { readonly [K in (typeof filterKeys)[number]]?: Infer<(typeof filters)[K]> };

/** The filters as `list` and `next` parse their flags: the same names, the same defaults. */
async function filterOptions(args: FilterArgs) {
  return (await import("../commands/shared/task-filters.js")).filterOptions(args);
}

const handoffInput = object(
  {
    ids: ids("the tasks to hand off (or mine: true)"),
    mine: flag("hand off all my active and blocked tasks"),
    to: line("the receiver: a handle, an email, or 'next' (whose working day starts next)"),
    note: text("a line for the receiver, recorded in each task's log"),
  },
  { optional: ["ids", "mine", "note"] },
);

function handoffOptions(args: Infer<typeof handoffInput>, dryRun: boolean) {
  return { ids: args.ids ?? [], mine: args.mine === true, to: args.to, ...(args.note !== undefined ? { note: args.note } : {}), dryRun, commit: true };
}

export const TOOLS: readonly Tool[] = [
  tool({
    name: "list",
    title: "List tasks",
    description: "The tasks, filtered and sorted as `tasks list` does (open and in-progress work unless all: true).",
    input: object(
      {
        ...filters,
        blocked: flag("only blocked tasks"),
        stale: integer({ description: "only tasks untouched for this many working days (0: the team's setting)", maximum: 10_000 }),
        sort: oneOf(SORT_KEYS, { description: "order by (default status)" }),
        all: flag("include closed tasks"),
      },
      { optional: [...filterKeys, "blocked", "stale", "sort", "all"] },
    ),
    output: "task-list",
    changes: false,
    run: async (args, deps) => (await import("../commands/list.js")).runList({ ...(await filterOptions(args)), stale: args.stale, blocked: args.blocked === true, sort: args.sort ?? "status", all: args.all === true }, deps),
  }),
  tool({
    name: "show",
    title: "Show a task",
    description: "One task: its fields, body, definition of done (with what is met) and log, as `tasks show` prints it.",
    input: object({ id }),
    output: "task",
    changes: false,
    run: async (args, deps) => (await import("../commands/show.js")).runShow({ id: args.id }, deps),
  }),
  tool({
    name: "next",
    title: "The ready queue",
    description:
      "What can be picked up now: open, not blocked, every depends-on closed, unowned or mine; most pressing first (priority, then due in the owner's zone, then age; overdue first), each with the reason for its place. all: true also lists the tasks left out, with why.",
    input: object(
      { ...filters, limit: integer({ description: "only the first n tasks", minimum: 1, maximum: 10_000 }), all: flag("also list the tasks left out, each with the reason") },
      { optional: [...filterKeys, "limit", "all"] },
    ),
    output: "next",
    changes: false,
    run: async (args, deps) => (await import("../commands/next.js")).runNext({ ...(await filterOptions(args)), limit: args.limit, all: args.all === true, explain: true, claim: false }, deps),
  }),
  tool({
    name: "log",
    title: "A task's history",
    description: "Every change to one task, from git history: who, when, what changed.",
    input: object({ id }),
    output: "task-log",
    changes: false,
    run: async (args, deps) => (await import("../commands/log.js")).runLog({ id: args.id }, deps),
  }),
  tool({
    name: "standup",
    title: "Standup",
    description: "The async standup since the start of each person's previous working day (their zone, hours and days): done, in progress, blocked, next, overdue. Mine unless owner or team is given.",
    input: object(
      {
        owner: words("the standup of these people (handle or email)"),
        team: flag("everyone on the roster, and anyone else holding work"),
        date: line("as of the end of this date (2026-11-20) or an exact date-time, not now"),
      },
      { optional: ["owner", "team", "date"] },
    ),
    output: "standup",
    changes: false,
    run: async (args, deps) =>
      (await import("../commands/standup.js")).runStandup({ me: false, owner: args.owner ?? [], team: args.team === true, ...(args.date !== undefined ? { date: args.date } : {}) }, deps),
  }),
  tool({
    name: "handoff_note",
    title: "Preview a handoff",
    description: "The handoff notes `handoff` would write (state, definition of done met and left, where the work is, blockers), changing nothing.",
    input: handoffInput,
    output: "handoff",
    changes: false,
    run: async (args, deps) => (await import("../commands/handoff.js")).runHandoff(handoffOptions(args, true), deps),
  }),
  tool({
    name: "weekly_report",
    title: "Weekly report",
    description: "The weekly summary: completed, created, cycle time, on-time rate, goals, for the week given (2026-W48) or the last one.",
    input: object({ week: line("the ISO week (2026-W48), or a date in it") }, { optional: ["week"] }),
    output: "weekly",
    changes: false,
    run: async (args, deps) => (await import("../commands/report.js")).runWeekly(args.week === undefined ? {} : { week: args.week }, deps),
  }),
  tool({
    name: "check",
    title: "Check the task set",
    description: "What `tasks check` finds: stale, ownerless, overdue, blocked too long, broken files and more, each with its rule, file and a fix.",
    input: object({ rules: words("only these rules"), skip: words("every rule but these"), strict: flag("warnings fail too") }, { optional: ["rules", "skip", "strict"] }),
    output: "check",
    changes: false,
    run: async (args, deps) => (await import("../commands/check.js")).runCheck({ rules: args.rules ?? [], skip: args.skip ?? [], strict: args.strict === true, changed: undefined, format: "json" }, deps),
  }),
  tool({
    name: "team",
    title: "The team",
    description: "The roster: each person's zone, local time now, working days and hours, whether they are at work, and what they hold.",
    input: object({}),
    output: "team",
    changes: false,
    run: async (_args, deps) => (await import("../commands/team.js")).runTeam(deps),
  }),
  tool({
    name: "new",
    title: "Create a task",
    description: "A new task file with a collision-free id, committed. Dates in the owner's zone (friday, +3d, 2026-12-01).",
    input: object(
      {
        title: line("the task's title"),
        owner: line("handle or email of the owner"),
        due: line("due date or date-time (friday, +3d, 2026-12-01)"),
        definitionOfDone: words("the definition of done, one criterion each"),
        priority: line("the priority (a value the team's config allows)"),
        labels: words("labels"),
        dependsOn: ids("ids of the tasks this one waits for"),
        reviewer: line("handle or email of the reviewer"),
        goal: line("the goal this task serves"),
        body: text("the Markdown body"),
        status: line("the starting status (default: the first open status)"),
      },
      { optional: ["owner", "due", "definitionOfDone", "priority", "labels", "dependsOn", "reviewer", "goal", "body", "status"] },
    ),
    output: "task-change",
    changes: true,
    run: async (args, deps) => {
      const { definitionOfDone, labels, dependsOn, ...rest } = args;
      return (await import("../commands/new.js")).runNew({ ...rest, dod: definitionOfDone ?? [], labels: labels ?? [], dependsOn: dependsOn ?? [], commit: true }, deps);
    },
  }),
  tool({
    name: "claim",
    title: "Claim a task",
    description:
      "Make a task mine. Decided at claim time: with an upstream the claim is published at once, and refused (ALREADY_CLAIMED) when someone else's claim got there first. offline: true commits here only.",
    input: object({ id, offline: flag("commit here only; do not fetch or push") }, { optional: ["offline"] }),
    output: "task-change",
    changes: true,
    network: true,
    run: async (args, deps) => (await import("../commands/claim.js")).runClaim({ id: args.id, force: false, commit: true, offline: args.offline === true }, deps),
  }),
  tool({
    name: "claim_next",
    title: "Claim the next task",
    description: "Claim the first workable task of the ready queue (the same filters as next), with the same race rules as claim: on a lost race, the next one is tried.",
    input: object(filters, { optional: [...filterKeys] }),
    output: "next",
    changes: true,
    network: true,
    run: async (args, deps) => (await import("../commands/next.js")).runNext({ ...(await filterOptions(args)), limit: undefined, all: false, explain: false, claim: true }, deps),
  }),
  tool({
    name: "renew",
    title: "Renew a claim",
    description: "Renew my claim on a task: a log entry that restarts its claim lease (claims: lease: in the config), so nobody can take it over as expired.",
    input: object({ id }),
    output: "task-change",
    changes: true,
    run: async (args, deps) => (await import("../commands/claim.js")).runRenew({ id: args.id, commit: true }, deps),
  }),
  tool({
    name: "start",
    title: "Start a task",
    description: "Move a task to the first active status (in progress).",
    input: object({ id }),
    output: "task-change",
    changes: true,
    run: async (args, deps) => (await import("../commands/status.js")).runStatus({ id: args.id, verb: "start", commit: true }, deps),
  }),
  tool({
    name: "review",
    title: "Send a task to review",
    description: "Send a task to review (status review). It needs a reviewer who is not its owner: name one with reviewer, or set it first. Only that reviewer can then approve or request changes.",
    input: object({ id, reviewer: line("the reviewer: a handle or an email") }, { optional: ["reviewer"] }),
    output: "task-change",
    changes: true,
    run: async (args, deps) => (await import("../commands/review.js")).runReview({ id: args.id, ...(args.reviewer !== undefined ? { reviewer: args.reviewer } : {}), commit: true }, deps),
  }),
  tool({
    name: "approve",
    title: "Approve a task in review",
    description: "Approve a task in review, as its reviewer (the git identity the server runs with; anyone else is refused with NOT_THE_REVIEWER). The owner can then close it.",
    input: object({ id, comment: line("a note with the approval (recorded)") }, { optional: ["comment"] }),
    output: "task-change",
    changes: true,
    run: async (args, deps) => (await import("../commands/review.js")).runApprove({ id: args.id, ...(args.comment !== undefined ? { text: args.comment } : {}) }, deps),
  }),
  tool({
    name: "request_changes",
    title: "Request changes on a task in review",
    description: "Send a task in review back to its owner with what must change, as its reviewer; it returns to in-progress.",
    input: object({ id, reason: line("what must change (recorded)") }),
    output: "task-change",
    changes: true,
    run: async (args, deps) => (await import("../commands/review.js")).runRequestChanges({ id: args.id, text: args.reason }, deps),
  }),
  tool({
    name: "block",
    title: "Block a task",
    description: "Mark a task blocked, with the reason (and what it waits on), recorded in its log.",
    input: object({ id, reason: line("why it is blocked"), on: line("what or who it waits on") }, { optional: ["on"] }),
    output: "task-change",
    changes: true,
    run: async (args, deps) =>
      (await import("../commands/block.js")).runBlock({ id: args.id, reason: args.reason, ...(args.on !== undefined ? { on: args.on } : {}), unblock: false, commit: true }, deps),
  }),
  tool({
    name: "unblock",
    title: "Unblock a task",
    description: "Take a task out of blocked, back to where it was.",
    input: object({ id }),
    output: "task-change",
    changes: true,
    run: async (args, deps) => (await import("../commands/block.js")).runBlock({ id: args.id, unblock: true, commit: true }, deps),
  }),
  tool({
    name: "comment",
    title: "Comment on a task",
    description: "Append a dated, attributed entry to the task's log.",
    input: object({ id, text: text("the comment") }),
    output: "task-change",
    changes: true,
    run: async (args, deps) => (await import("../commands/comment.js")).runComment({ id: args.id, text: args.text, commit: true }, deps),
  }),
  tool({
    name: "set",
    title: "Set fields",
    description: "Edit fields as `tasks set` does, validated before anything is written: key=value, key= (clear), list+=item, list-=item (e.g. due=friday, labels+=auth).",
    input: object({ id, assignments: array(string({ minLength: 1, maxLength: LIMITS.text }), { description: "the edits", maxItems: LIMITS.items }) }),
    output: "task-change",
    changes: true,
    run: async (args, deps) => {
      if (args.assignments.length === 0) throw (await import("../app/errors.js")).usageError("set needs at least one assignment", "e.g. assignments: [\"due=friday\"]");
      return (await import("../commands/set.js")).runSet({ id: args.id, assignments: args.assignments, commit: true }, deps);
    },
  }),
  tool({
    name: "dod",
    title: "Definition of done items",
    description: "Record criteria of the definition of done as met (or no longer met), by number (1 is the first) or by their text.",
    input: object({ id, met: words("criteria now met: numbers or text"), unmet: words("criteria no longer met") }, { optional: ["met", "unmet"] }),
    output: "dod",
    changes: true,
    run: async (args, deps) => (await import("../commands/dod.js")).runDod({ id: args.id, met: args.met ?? [], unmet: args.unmet ?? [], commit: true }, deps),
  }),
  tool({
    name: "done",
    title: "Close a task",
    description:
      "Close a task whose definition of done is met (record criteria with the dod tool first). With criteria unmet it is refused (DOD_NOT_MET) with the list; a task with a reviewer who has not approved it (verified from history) is refused (REVIEW_REQUIRED) naming who must approve. overrideReason closes it anyway, and the override and its reason are recorded in the log and the commit.",
    input: object({ id, overrideReason: line("close with criteria unmet or without approval, for this reason (recorded)") }, { optional: ["overrideReason"] }),
    output: "task-change",
    changes: true,
    run: async (args, deps) =>
      (await import("../commands/done.js")).runDone(
        { id: args.id, yes: false, force: args.overrideReason !== undefined, ...(args.overrideReason !== undefined ? { reason: args.overrideReason } : {}), commit: true },
        deps,
      ),
  }),
  tool({
    name: "handoff",
    title: "Hand off tasks",
    description: "Hand tasks to a teammate with a note per task; reassigns them and records it in one commit.",
    input: handoffInput,
    output: "handoff",
    changes: true,
    run: async (args, deps) => (await import("../commands/handoff.js")).runHandoff(handoffOptions(args, false), deps),
  }),
];

/** Runs a tool's command and returns what `tasks <command> --json` prints, parsed. */
export async function runTool(spec: Tool, args: unknown, deps: Deps, captured: () => string): Promise<unknown> {
  const result = await spec.run(args, deps);
  if (result) await (await import("../app/emit.js")).emitResult(deps, result);
  return JSON.parse(captured()) as unknown;
}
