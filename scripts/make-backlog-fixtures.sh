#!/usr/bin/env bash
# Regenerates test/fixtures/backlog-md/ with Backlog.md's own CLI (npm package backlog.md), so the
# import tests read projects the real tool wrote, not imitations. The CLI is installed in a scratch
# folder outside the repository; it is never a dependency of git-tasks.
#   scripts/make-backlog-fixtures.sh [version]     (default: the version the fixtures were made with)
set -euo pipefail
VERSION="${1:-1.52.0}"
REPO="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$REPO/test/fixtures/backlog-md"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
(cd "$SCRATCH" && npm init -y >/dev/null && npm i --silent "backlog.md@$VERSION" >/dev/null)
BACKLOG="$SCRATCH/node_modules/.bin/backlog"

make_project() {
  local dir="$SCRATCH/$1"
  mkdir -p "$dir" && cd "$dir"
  git init -q && git config user.email fixture@example.com && git config user.name Fixture
  "$BACKLOG" init "$1" --defaults --integration-mode none --check-branches false >/dev/null
}

make_project basic
b() { "$BACKLOG" "$@" --plain >/dev/null; }
b task create "Set up CI pipeline" -d "Run lint and tests on every push." -a @alice -l infra,ci --priority high --ac "Lint runs on push" --ac "Tests run on push" --due-date 2026-12-15
b task create "Write the login page" -d "Email and password form." -a @bob -l frontend --priority medium --ac "Form validates email" --dep task-1
b task create "Rotate API keys" -a @carol -l security --priority low
b task create "Document the release process" -l docs
"$BACKLOG" milestone add "Q4 reliability" >/dev/null
b task create "Cache the session token" -a @alice,@bob -m "Q4 reliability" --ac "Token cached for 5 min"
b task create "Spike: offline mode" --draft -d "Explore a service worker."
b task edit task-1 -s "In Progress"
b task edit task-2 -s "Done" --check-ac 1
b task edit task-3 -s "Done"
b task complete task-3
b task archive task-4
cd "$REPO"
rm -rf "$OUT"
mkdir -p "$OUT"
cp -R "$SCRATCH/basic/backlog" "$OUT/basic"
echo "$VERSION" > "$OUT/VERSION"
echo "fixtures written to $OUT with backlog.md $VERSION"
