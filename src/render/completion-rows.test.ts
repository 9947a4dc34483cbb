import { describe, expect, it } from "vitest";
import type { ProgramSpec } from "../app/command-spec.js";
import { renderBashCompletion } from "./completion-bash.js";
import { completionRows } from "./completion-rows.js";

const GLOBAL = [{ names: ["-C"], description: "run in <path>", value: { kind: "files" as const } }, { names: ["--json"], description: "json" }];

const spec: ProgramSpec = {
  name: "tasks",
  description: "tasks",
  options: GLOBAL,
  commands: [
    {
      names: ["list", "ls"],
      description: "list tasks",
      options: [{ names: ["-s", "--status"], description: "by status", value: { kind: "statuses" } }, { names: ["--all"], description: "all" }],
      args: [],
      commands: [],
    },
    { names: ["assign"], description: "set the owner", options: [], args: [{ name: "id", kind: "ids", variadic: false }, { name: "who", kind: "handles", variadic: false }], commands: [] },
    {
      names: ["report"],
      description: "reports",
      options: [],
      args: [],
      commands: [{ names: ["weekly"], description: "the week", options: [{ names: ["--format"], description: "f", value: { kind: "text", choices: ["md", "json"] } }], args: [], commands: [] }],
    },
    { names: ["comment"], description: "add a note", options: [], args: [{ name: "id", kind: "ids", variadic: false }, { name: "text", kind: "text", variadic: true }], commands: [] },
  ],
};

describe("completionRows", () => {
  it("one row per command path, aliases together, global options in every row, kinds as codes", () => {
    const rows = completionRows(spec);
    expect(rows.map((row) => row.keys)).toEqual([[""], ["list", "ls"], ["assign"], ["report"], ["report weekly"], ["comment"]]);
    const list = rows[1];
    expect(list?.options.map((o) => o.name)).toEqual(["-s", "--status", "--all", "-C", "--json"]);
    expect(list?.values).toEqual([["-s", "statuses"], ["--status", "statuses"], ["-C", "files"]]);
    expect(rows[2]?.args).toEqual(["ids", "handles"]);
    expect(rows[3]?.subcommands.map((s) => s.name)).toEqual(["weekly"]);
    expect(rows[4]?.values).toContainEqual(["--format", "c:md,json"]);
    expect(rows[5]?.args).toEqual(["ids", "text+"]);
    expect(rows[0]?.subcommands.map((s) => s.name)).toEqual(["list", "ls", "assign", "report", "comment"]);
  });

  it("refuses a word that is not a plain command-line word, instead of embedding it in a script", () => {
    const hostile: ProgramSpec = { ...spec, commands: [{ ...spec.commands[0]!, names: ["li$(x)st"] }] };
    expect(() => completionRows(hostile)).toThrow(/not a plain command-line word/);
    const choice: ProgramSpec = { ...spec, options: [{ names: ["--x"], description: "", value: { kind: "text", choices: ["a b"] } }] };
    expect(() => renderBashCompletion(choice)).toThrow(/not a plain/);
  });

  it("bash: descriptions stay out of the script, each row is one case branch", () => {
    const script = renderBashCompletion(spec);
    expect(script).toContain("    'list' | 'ls') __tasks_o='-s --status --all -C --json' __tasks_v='-s=statuses --status=statuses -C=files' __tasks_a='' __tasks_s='' ;;");
    expect(script).toContain("    'report weekly') ");
    expect(script).not.toContain("by status");
    expect(script).not.toContain("@{");
  });
});
