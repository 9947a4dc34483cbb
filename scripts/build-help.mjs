#!/usr/bin/env node
// Part of `npm run build`: renders `tasks --help` once into dist/help.txt, so that the CLI can
// print it without loading the command modules (see bin/tasks.cjs). The text comes
// from the program itself (the slow path, forced with --no-color), so it cannot drift.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const help = execFileSync(process.execPath, [join(root, "bin", "tasks.cjs"), "--help", "--no-color"], {
  encoding: "utf8",
  env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
  stdio: ["ignore", "pipe", "inherit"],
});
writeFileSync(join(root, "dist", "help.txt"), help);
