import type { System } from "./deps.js";
import { sanitizeLine } from "../render/sanitize.js";
import { TasksError } from "./errors.js";

/**
 * Questions on a terminal, through @inquirer/prompts, loaded only when a command must ask.
 * Every message and choice is sanitized first: prompts echo text to the terminal as is.
 */

export interface Prompts {
  input(message: string, options?: { required?: boolean; default?: string }): Promise<string>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
  /** `checked`: indexes ticked at the start (criteria already recorded as met). */
  checkbox(message: string, choices: readonly string[], checked?: readonly number[]): Promise<number[]>;
}

function cancelled(error: unknown): never {
  if (error instanceof Error && (error.name === "ExitPromptError" || error.name === "AbortPromptError")) {
    throw new TasksError("CANCELLED", "cancelled; nothing was changed");
  }
  throw error;
}

export async function createPrompts(system: System): Promise<Prompts> {
  const { input, confirm, checkbox } = await import("@inquirer/prompts");
  const context = { input: system.stdin(), output: system.stdout };
  return {
    input: (message, options = {}) =>
      input(
        {
          message: sanitizeLine(message),
          required: options.required ?? false,
          ...(options.default !== undefined ? { default: options.default } : {}),
        },
        context,
      ).catch(cancelled),
    confirm: (message, defaultValue = false) => confirm({ message: sanitizeLine(message), default: defaultValue }, context).catch(cancelled),
    checkbox: (message, choices, checked = []) =>
      checkbox(
        {
          message: sanitizeLine(message),
          choices: choices.map((choice, index) => ({ name: sanitizeLine(choice), value: index, checked: checked.includes(index) })),
          pageSize: 12,
        },
        context,
      ).catch(cancelled),
  };
}
