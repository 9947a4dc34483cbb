#!/usr/bin/env node
// Part of `npm run build`: renders what the CLI prints about itself once, into dist/, so that
// it cannot drift from the program and is served without loading the command modules:
//   dist/help.txt                 `tasks --help` (bin/tasks.cjs prints it), from the program itself
//                                 (the slow path, forced with --no-color)
//   dist/man/tasks.1, git-tasks.1 the man page (`git tasks --help` runs `man git-tasks`): the
//                                 top-level help and every command's, as the program renders them
//   dist/completion/*             bash, zsh and fish completion scripts (`tasks completion <shell>`)
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Writable } from "node:stream";
import { stripVTControlCharacters } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const load = (path) => import(pathToFileURL(join(dist, path)).href);

const help = execFileSync(process.execPath, [join(root, "bin", "tasks.cjs"), "--help", "--no-color"], {
  encoding: "utf8",
  env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
  stdio: ["ignore", "pipe", "inherit"],
});
writeFileSync(join(dist, "help.txt"), help);

// The program with every command, its help rendered 72 columns wide (a man page is indented).
process.env.NO_COLOR = "1";
const [{ createDeps }, { parseSettings }, { buildProgram }, { programSpec }, { renderManPage }, { renderBashCompletion }, { renderZshCompletion }, { renderFishCompletion }] =
  await Promise.all(
    ["app/deps.js", "app/settings.js", "program.js", "app/command-spec.js", "render/man-page.js", "render/completion-bash.js", "render/completion-zsh.js", "render/completion-fish.js"].map(load),
  );
let captured = "";
const stdout = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((captured += String(chunk)), done()) }), { isTTY: false, columns: 72 });
const stderr = process.stderr;
const system = { env: { NO_COLOR: "1" }, cwd: root, stdout, stderr, stdinIsTTY: false, stdin: () => process.stdin, now: () => new Date(0), machineZone: "UTC", randomBytes: (n) => new Uint8Array(n) };
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
const program = await buildProgram(createDeps(system, parseSettings(system.env, "UTC"), version), version, []);
// Every command shares the program's help configuration; at 72 columns the descriptions wrap
// only if commander's minimum column for them is lowered.
Object.assign(program.configureHelp(), { minWidthToWrap: 24 });

const helpOf = (command) => {
  captured = "";
  command.outputHelp();
  return stripVTControlCharacters(captured);
};
const pages = [];
const visit = (command, path) => {
  for (const sub of command.createHelp().visibleCommands(command)) {
    if (sub.name() === "help") continue;
    const subPath = [...path, sub.name()];
    pages.push({ path: subPath.join(" "), help: helpOf(sub) });
    visit(sub, subPath);
  }
};
const rootHelp = helpOf(program);
visit(program, []);

mkdirSync(join(dist, "man"), { recursive: true });
const summary = "a team's tasks as Markdown files in its own git repository";
for (const name of ["tasks", "git-tasks"]) {
  const page = renderManPage({ name, version, summary, help: rootHelp, commands: pages, seeAlso: "git(1); the documentation: https://github.com/git-tasks/git-tasks#readme" });
  writeFileSync(join(dist, "man", `${name}.1`), page);
}

const spec = programSpec(program);
mkdirSync(join(dist, "completion"), { recursive: true });
writeFileSync(join(dist, "completion", "tasks.bash"), renderBashCompletion(spec));
writeFileSync(join(dist, "completion", "_tasks"), renderZshCompletion(spec));
writeFileSync(join(dist, "completion", "tasks.fish"), renderFishCompletion(spec));
