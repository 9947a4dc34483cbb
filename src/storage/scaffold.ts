/**
 * What `tasks init` writes: a commented config with the defaults spelled out, a README for the
 * tasks folder, and the .gitattributes lines that keep task files LF and merge them field by field.
 */

export function configScaffold(tasksDir: string, timezone: string): string {
  return `# git-tasks settings. Everything here is optional; delete what you do not need.
# Docs: https://github.com/git-tasks/git-tasks/blob/main/docs/configuration.md

# Where task files live, relative to the repository root.
tasks-folder: ${tasksDir}

# The repository's time zone: used for people not on the roster and for dates without one.
timezone: ${timezone}

# Statuses in board order. Each belongs to a category: open, active, blocked or closed.
statuses:
  todo: open
  in-progress: active
  review: active
  blocked: blocked
  done: closed
  dropped: closed

priorities: [low, normal, high, urgent]

# The team: handles used as owners, with time zones and working hours for standups,
# handoffs and staleness. "Me" is found by git user.email.
# team:
#   alice:
#     name: Alice Ng
#     email: alice@example.com
#     timezone: Europe/Berlin
#     hours: "09:00-17:00"
#     days: [mon, tue, wed, thu, fri]
#   bob:
#     name: Bob Okafor
#     email: bob@example.com
#     timezone: America/New_York
`;
}

export function tasksReadme(tasksDir: string): string {
  return `# Tasks

One Markdown file per task, managed with [git-tasks](https://github.com/git-tasks/git-tasks):
\`tasks list\`, \`tasks board\`, \`tasks new "…"\`, \`tasks claim <id>\`, \`tasks done <id>\`.

Files live in \`${tasksDir}/<yyyy-mm>/<id>-<slug>.md\` (the month the task was created) and never
move. Their YAML frontmatter holds the fields (status, owner, due, definition-of-done, …); the
\`## Log\` section at the end holds dated, attributed entries. Edit by hand if you like:
\`tasks check\` tells you if a file is broken.
`;
}

export function gitattributesLine(tasksDir: string): string {
  return `/${tasksDir}/**/*.md text eol=lf`;
}

/** Names the field-level merge driver (registered per clone by `tasks init`) for task files. */
export function gitattributesMergeLine(tasksDir: string): string {
  return `/${tasksDir}/**/*.md merge=tasks`;
}

/** Where `tasks init --ci github` writes the workflow, relative to the repository root. */
export const GITHUB_WORKFLOW_PATH = ".github/workflows/tasks-check.yml";

/**
 * The GitHub Actions workflow `tasks init --ci github` writes (docs/ci.md shows the same file).
 * Read-only token, full history (the history rules need it), `pull_request` rather than
 * `pull_request_target` so a contributor's files never run with a write token; on a pull request
 * only the tasks it changes are reported.
 */
export function githubWorkflow(): string {
  return `# Task hygiene on every pull request and on pushes to the default branch: git-tasks' \`tasks check\`.
# Written by \`tasks init --ci github\`. Docs: https://github.com/git-tasks/git-tasks/blob/main/docs/ci.md
name: tasks check

on:
  pull_request:
  push:
    branches: [main] # your default branch

permissions:
  contents: read

jobs:
  tasks-check:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
        with:
          # stale and blocked-too-long read the task history: a shallow clone cannot tell.
          fetch-depth: 0
          persist-credentials: false
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # On a pull request, report only the tasks it changes; on a push, check them all.
      # Annotations and a job summary come out on their own (GITHUB_ACTIONS=true).
      - name: tasks check
        env:
          BASE_REF: \${{ github.base_ref }}
        run: |
          if [ -n "$BASE_REF" ]; then
            npx --yes git-tasks check --changed "origin/$BASE_REF"
          else
            npx --yes git-tasks check
          fi
`;
}
