import type { CommandSpec, OptionSpec, ProgramSpec, ValueSpec } from "../app/command-spec.js";

/**
 * The command table flattened for a shell completion script: one row per command path (the top
 * level, `list`, `report weekly`), each with its options (its own and the global ones), the kind
 * of each option's value, the kind of each positional argument and its subcommands. Kinds are
 * short codes the scripts switch on: ids, handles, statuses, priorities, files, commands, text,
 * `c:a,b,c` for fixed choices, a trailing `+` for a variadic argument.
 */

export interface Described {
  readonly name: string;
  readonly description: string;
}

export interface CompletionRow {
  /** Every spelling of the path: `["list", "ls"]`, `["report weekly"]`, `[""]` for the top level. */
  readonly keys: readonly string[];
  readonly options: readonly Described[];
  /** Options that take a value, with its kind code. */
  readonly values: readonly (readonly [string, string])[];
  readonly args: readonly string[];
  readonly subcommands: readonly Described[];
}

/** Names and words the scripts embed: commander names and choices are plain, but nothing else is let through. */
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._-]*$|^--?[A-Za-z0-9][A-Za-z0-9._-]*$/;

function plain(word: string): string {
  if (!PLAIN.test(word)) throw new Error(`completion: "${word}" is not a plain command-line word`);
  return word;
}

export function kindCode(value: ValueSpec): string {
  return value.choices ? `c:${value.choices.map(plain).join(",")}` : value.kind;
}

function optionRows(options: readonly OptionSpec[]): Pick<CompletionRow, "options" | "values"> {
  const seen = new Set<string>();
  const described: Described[] = [];
  const values: [string, string][] = [];
  for (const option of options) {
    for (const name of option.names) {
      if (seen.has(name)) continue;
      seen.add(name);
      described.push({ name: plain(name), description: option.description });
      if (option.value) values.push([name, kindCode(option.value)]);
    }
  }
  return { options: described, values };
}

function subcommands(commands: readonly CommandSpec[]): Described[] {
  return commands.flatMap((command) => command.names.map((name) => ({ name: plain(name), description: command.description })));
}

export function completionRows(spec: ProgramSpec): CompletionRow[] {
  const rows: CompletionRow[] = [{ keys: [""], ...optionRows(spec.options), args: [], subcommands: subcommands(spec.commands) }];
  const visit = (command: CommandSpec, parents: readonly string[]): void => {
    const keys = parents.length === 0 ? command.names.map(plain) : parents.flatMap((parent) => command.names.map((name) => `${parent} ${plain(name)}`));
    const args = command.args.map((arg) => `${kindCode(arg)}${arg.variadic ? "+" : ""}`);
    rows.push({ keys, ...optionRows([...command.options, ...spec.options]), args, subcommands: subcommands(command.commands) });
    for (const sub of command.commands) visit(sub, keys);
  };
  for (const command of spec.commands) visit(command, []);
  return rows;
}
