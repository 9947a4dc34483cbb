import type { ExitCode } from "../app/errors.js";
import type { Style } from "./style.js";

/**
 * What a command hands back: the same result in the three output modes. The shell picks one and
 * writes it; commands never print.
 */

export type Mode = "human" | "plain" | "json";

export interface View {
  readonly width: number;
  readonly style: Style;
  readonly now: Date;
  /** The reader's time zone, for showing moments. */
  readonly zone: string;
}

export interface CommandResult {
  readonly json: unknown;
  /** Stable text for pipes and scripts; empty prints nothing. */
  readonly plain: string;
  readonly human: (view: View) => string;
  readonly exitCode?: ExitCode;
}

export function resolveMode(json: boolean, stdoutIsTTY: boolean): Mode {
  if (json) return "json";
  return stdoutIsTTY ? "human" : "plain";
}
