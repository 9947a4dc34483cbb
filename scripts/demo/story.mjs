/**
 * The demo's team and its four weeks of history, as data. scripts/demo.mjs plays every step with
 * the built CLI, as that person, at that moment (TASKS_NOW and the git dates pinned), so the
 * repository it builds is the same on every run except for the random task ids.
 *
 * A step: { who, at: "yyyy-MM-dd HH:mm" in that person's own zone, args } runs `tasks …args`;
 * `as: "key"` remembers the id a `new` prints, and "{key}" in later args stands for it. A step with
 * `edit: { path: (text) => newText }` instead rewrites those files and commits them with plain git.
 * Steps must be in time order and inside the person's working hours and days (the runner checks
 * both), because standups, handoffs and reports read this history by those windows.
 */

export const TEAM = {
  alice: { name: "Alice Ng", email: "alice@example.com", timezone: "Europe/Berlin", hours: "09:00-17:00", days: ["mon", "tue", "wed", "thu", "fri"] },
  bob: { name: "Bob Okafor", email: "bob@example.com", timezone: "America/New_York", hours: "08:30-16:30", days: ["mon", "tue", "wed", "thu", "fri"] },
  chen: { name: "Chen Wei", email: "chen@example.com", timezone: "Asia/Kolkata", hours: "10:00-18:30", days: ["sun", "mon", "tue", "wed", "thu"] },
};

/** The demo's "now": Friday 2026-11-20, 16:00 in Berlin, 10:00 in New York, 20:30 in Kolkata. */
export const DEMO_NOW = "2026-11-20T15:00:00Z";

/** The person whose clone the demo repository is: `tasks list --mine` there means alice. */
export const LOCAL_USER = "alice";

/**
 * The config `tasks init` wrote, with its commented-out roster example replaced by the team (or the
 * team appended, if the example is gone).
 */
export function withRoster(config, team) {
  const people = Object.entries(team).map(([handle, p]) =>
    [
      `  ${handle}:`,
      `    name: ${p.name}`,
      `    email: ${p.email}`,
      `    timezone: ${p.timezone}`,
      `    hours: "${p.hours}"`,
      `    days: [${p.days.join(", ")}]`,
    ].join("\n"),
  );
  const example = config.search(/^# team:$/m);
  const kept = example === -1 ? config : config.slice(0, example);
  return `${kept.replace(/\n*$/, "\n")}# chen works Sunday to Thursday.\nteam:\n${people.join("\n")}\n`;
}

const by = (who) => (at, args, extra = {}) => ({ who, at, args, ...extra });
const alice = by("alice");
const bob = by("bob");
const chen = by("chen");

export const STORY = [
  // Week 1: the team starts tracking its work in the repository.
  alice("2026-10-26 09:00", ["init", "--timezone", "Europe/Berlin"]),
  alice("2026-10-26 09:05", null, { edit: { ".tasks/config.yml": (text) => withRoster(text, TEAM) }, message: "tasks: add the team roster" }),
  alice("2026-10-26 09:20", ["new", "Fix login timeout on slow networks", "--due", "2026-11-13", "--priority", "high", "--label", "auth,backend", "--goal", "q4-reliability", "--reviewer", "bob",
    "--dod", "Timeout raised to 30 s behind a flag", "--dod", "Integration test on a throttled network", "--dod", "Runbook updated",
    "--body", "Users on hotel Wi-Fi are logged out after 10 s: the token refresh gives up too early."], { as: "login" }),
  alice("2026-10-26 09:25", ["claim", "{login}"]),
  chen("2026-10-26 14:30", ["new", "Migrate the sessions table to the new schema", "--due", "2026-11-16", "--priority", "high", "--label", "backend,db", "--goal", "q4-reliability",
    "--dod", "Runs in under a minute on a production copy", "--dod", "Rollback script tested"], { as: "schema" }),
  chen("2026-10-26 14:35", ["claim", "{schema}"]),
  bob("2026-10-26 10:00", ["new", "Rotate the staging API keys", "--owner", "me", "--due", "2026-10-30", "--priority", "urgent", "--label", "security,infra",
    "--dod", "Old keys revoked", "--dod", "New keys in the vault"], { as: "rotate" }),
  bob("2026-10-26 10:05", ["start", "{rotate}"]),
  chen("2026-10-27 11:00", ["new", "Cache npm installs in CI", "--label", "infra,ci", "--dod", "Cache hit rate on the CI dashboard", "--dod", "Pipeline under 4 minutes"], { as: "cicache" }),
  chen("2026-10-27 11:05", ["claim", "{cicache}"]),
  alice("2026-10-27 10:00", ["new", "Page on-call when the error rate passes 2%", "--due", "2026-11-27", "--label", "infra,observability", "--goal", "q4-reliability",
    "--dod", "Alert rule in the monitoring repo", "--dod", "Tested with a synthetic error burst"], { as: "alerts" }),
  bob("2026-10-27 11:00", ["new", "Retry failed webhook deliveries with backoff", "--due", "2026-11-18", "--label", "backend", "--goal", "q4-reliability"], { as: "retry" }),
  alice("2026-10-27 16:30", ["comment", "{login}", "Reproduced on a throttled network: the token refresh gives up after 10 s"]),
  bob("2026-10-28 09:30", ["new", "Dark mode for the settings page", "--priority", "low", "--label", "frontend"], { as: "dark" }),
  bob("2026-10-28 14:00", ["done", "{rotate}", "--yes"]),
  alice("2026-10-29 09:30", ["new", "Write the onboarding guide for contractors", "--due", "2026-12-04", "--label", "docs", "--goal", "q4-onboarding"], { as: "guide" }),
  alice("2026-10-29 10:00", ["new", "Audit log for admin role changes", "--due", "2026-11-13", "--priority", "high", "--label", "security", "--goal", "q4-reliability"], { as: "audit" }),
  bob("2026-10-29 10:00", ["new", "Invoice PDF shows the wrong VAT rate for Ireland", "--owner", "me", "--due", "2026-11-11", "--priority", "high", "--label", "billing,bug"], { as: "vat" }),
  bob("2026-10-30 09:00", ["start", "{vat}"]),

  // Week 2: blockers, reviews, the first things done.
  chen("2026-11-01 11:30", ["comment", "{schema}", "Migration plan drafted; it rewrites 40 M rows, so the DBA reviews it first"]),
  chen("2026-11-02 10:30", ["block", "{schema}", "--reason", "waiting for the DBA's review of the migration plan"]),
  alice("2026-11-02 09:30", ["new", "Remove the legacy v1 login endpoint", "--due", "2026-11-19", "--label", "auth,backend", "--goal", "q4-reliability", "--depends-on", "{login}"], { as: "legacy" }),
  bob("2026-11-02 09:15", ["claim", "{retry}"]),
  bob("2026-11-02 16:00", ["comment", "{vat}", "The rate table still has the reduced rate for Ireland; fix in PR #212"]),
  chen("2026-11-03 12:00", ["claim", "{alerts}"]),
  alice("2026-11-03 10:00", ["new", "Runbook for database failover", "--owner", "me", "--reviewer", "chen", "--due", "2026-11-20", "--label", "ops,docs", "--goal", "q4-reliability",
    "--dod", "Reviewed by someone who did not write it", "--dod", "Tried on staging"], { as: "runbook" }),
  bob("2026-11-03 10:00", ["block", "{retry}", "--reason", "needs the new sessions schema", "--on", "{schema}"]),
  chen("2026-11-04 15:00", ["done", "{cicache}", "--force", "--reason", "hit rate checked by hand; the dashboard comes with the alerting work"]),
  alice("2026-11-04 11:00", ["review", "{login}"]),
  bob("2026-11-04 11:00", ["approve", "{login}", "--comment", "the flag name should say seconds; otherwise good to go"]),
  alice("2026-11-05 09:30", ["done", "{login}", "--yes"]),
  bob("2026-11-05 13:00", ["done", "{vat}", "--yes"]),
  bob("2026-11-06 10:00", ["new", "Export customers to CSV", "--owner", "me", "--due", "2026-11-27", "--label", "billing,data"], { as: "export" }),
  bob("2026-11-06 10:10", ["start", "{export}"]),

  // Week 3: unblocked, dropped, more blocked.
  chen("2026-11-09 10:30", ["unblock", "{schema}"]),
  chen("2026-11-09 10:45", ["comment", "{schema}", "DBA approved the plan with one change: batches of 10k rows"]),
  alice("2026-11-09 09:15", ["start", "{runbook}"]),
  alice("2026-11-09 14:00", ["comment", "{dark}", "Design wants dark mode after the settings redesign; dropping it for Q4"]),
  alice("2026-11-09 14:05", ["drop", "{dark}"]),
  chen("2026-11-10 11:00", ["claim", "{legacy}"]),
  chen("2026-11-10 11:10", ["comment", "{legacy}", "v1 is 0.3% of logins; removal announced for 19 November"]),
  alice("2026-11-10 10:00", ["new", "Translate the onboarding emails to German", "--owner", "me", "--due", "2026-12-11", "--label", "i18n", "--goal", "q4-onboarding"], { as: "german" }),
  bob("2026-11-10 15:00", ["block", "{export}", "--reason", "waiting for legal: which fields may leave the EU"]),
  chen("2026-11-11 12:00", ["new", "Flaky test: checkout e2e times out on CI", "--priority", "high", "--label", "ci,bug"], { as: "flaky" }),
  chen("2026-11-11 12:05", ["claim", "{flaky}"]),
  alice("2026-11-11 10:00", ["set", "{alerts}", "priority=high", "due=2026-11-25"]),
  chen("2026-11-12 16:00", ["done", "{flaky}", "--yes"]),
  alice("2026-11-13 16:30", ["review", "{runbook}"]),
  bob("2026-11-13 11:00", ["new", "Rate-limit the public search API", "--due", "2026-11-25", "--priority", "high", "--label", "backend,security", "--goal", "q4-reliability"], { as: "ratelimit" }),

  // Week 4: up to the demo's "now".
  chen("2026-11-15 11:00", ["comment", "{alerts}", "Alert rule merged; testing with a synthetic burst next"]),
  chen("2026-11-16 10:30", ["comment", "{runbook}", "Walked through it on staging: step 4 needs the new replica hostname"]),
  alice("2026-11-16 09:00", ["assign", "{audit}", "bob"]),
  bob("2026-11-16 09:30", ["claim", "{ratelimit}"]),
  chen("2026-11-17 14:00", ["review", "{schema}", "--reviewer", "bob"]),
  alice("2026-11-17 10:00", ["new", "Weekly metrics email for the leads", "--priority", "low", "--label", "reporting"], { as: "metrics" }),
  bob("2026-11-17 10:00", ["new", "Status page shows the wrong region names", "--due", "2026-11-24", "--label", "frontend,bug"], { as: "statuspage" }),
  // The overdue audit log, reassigned on Monday, is finished late; two more close on time: the
  // weekly report has completions, cycle times and an on-time rate to show.
  bob("2026-11-17 10:30", ["claim", "{audit}"]),
  chen("2026-11-18 11:00", ["comment", "{alerts}", "Synthetic burst paged the on-call phone in 40 s"]),
  chen("2026-11-18 11:05", ["done", "{alerts}", "--yes"]),
  alice("2026-11-18 09:30", ["assign", "{statuspage}", "chen"]),
  chen("2026-11-18 15:00", ["claim", "{statuspage}"]),
  chen("2026-11-19 11:00", ["new", "Password reset emails land in spam", "--due", "2026-11-23", "--priority", "urgent", "--label", "auth,email"], { as: "spam" }),
  chen("2026-11-19 15:00", ["done", "{statuspage}"]),
  bob("2026-11-19 09:00", ["claim", "{spam}"]),
  bob("2026-11-19 09:05", ["comment", "{spam}", "SPF record is missing the new mail provider; DNS change requested"]),
  bob("2026-11-19 14:00", ["done", "{audit}"]),
  alice("2026-11-20 10:30", ["new", "Plan the Q1 reliability goals", "--owner", "me", "--due", "2026-12-18", "--goal", "q1-planning"], { as: "q1" }),
];
