import type { Argument, Command, Option } from "commander";

/**
 * The command line's shape, read from the commander program at build time: names, options and
 * arguments of every visible command, and what kind of word each value is. Shell completion and
 * the man page are rendered from it (scripts/build-help.mjs), so they cannot drift from the help.
 */

/** What a value is, for completion: words from the repository, a path, one of fixed choices, or free text. */
export type ValueKind = "ids" | "handles" | "statuses" | "priorities" | "files" | "commands" | "text";

export interface ValueSpec {
  readonly kind: ValueKind;
  /** Fixed choices (commander's .choices()), completed as they are. */
  readonly choices?: readonly string[];
}

export interface OptionSpec {
  readonly names: readonly string[];
  readonly description: string;
  /** The option's required value; undefined for a flag or an optional value (`--stale [days]`). */
  readonly value?: ValueSpec;
}

export interface ArgumentSpec extends ValueSpec {
  readonly name: string;
  readonly variadic: boolean;
}

export interface CommandSpec {
  readonly names: readonly string[];
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly args: readonly ArgumentSpec[];
  readonly commands: readonly CommandSpec[];
}

export interface ProgramSpec {
  readonly name: string;
  readonly description: string;
  /** Options every command accepts (commander's program options). */
  readonly options: readonly OptionSpec[];
  readonly commands: readonly CommandSpec[];
}

const KINDS: Readonly<Record<string, ValueKind>> = {
  id: "ids",
  ids: "ids",
  who: "handles",
  handle: "handles",
  status: "statuses",
  priority: "priorities",
  file: "files",
  dir: "files",
  path: "files",
  command: "commands",
};

export function valueKind(placeholder: string): ValueKind {
  return KINDS[placeholder.toLowerCase()] ?? "text";
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

function optionSpec(option: Option): OptionSpec {
  const names = [option.short, option.long].filter((name): name is string => name !== undefined);
  const placeholder = /<([^>]+)>/.exec(option.flags)?.[1];
  const choices = option.argChoices;
  const value = option.required && placeholder ? { kind: valueKind(placeholder), ...(choices ? { choices: [...choices] } : {}) } : undefined;
  return { names, description: firstLine(option.description), ...(value ? { value } : {}) };
}

function argumentSpec(argument: Argument): ArgumentSpec {
  const choices = argument.argChoices;
  return { name: argument.name(), variadic: argument.variadic, kind: valueKind(argument.name()), ...(choices ? { choices: [...choices] } : {}) };
}

function helpOption(command: Command): OptionSpec[] {
  const help = command.createHelp().visibleOptions(command).find((option) => option.long === "--help");
  return help ? [optionSpec(help)] : [];
}

function commandSpec(command: Command): CommandSpec {
  const visible = command.createHelp().visibleCommands(command);
  return {
    names: [command.name(), ...command.aliases()],
    description: firstLine(command.description()),
    options: [...command.options.filter((option) => !option.hidden).map(optionSpec), ...helpOption(command)],
    args: command.registeredArguments.map(argumentSpec),
    commands: visible.map(commandSpec),
  };
}

export function programSpec(program: Command): ProgramSpec {
  const visible = program.createHelp().visibleCommands(program);
  return {
    name: program.name(),
    description: firstLine(program.description()),
    options: [...program.options.filter((option) => !option.hidden).map(optionSpec), ...helpOption(program)],
    commands: visible.map(commandSpec),
  };
}
