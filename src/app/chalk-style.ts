import { Chalk } from "chalk";
import type { Style } from "../render/style.js";

/** The coloured Style, loaded only when a terminal wants colour. */
export function createChalkStyle(): Style {
  const chalk = new Chalk({ level: 1 });
  return {
    enabled: true,
    bold: (t) => chalk.bold(t),
    dim: (t) => chalk.dim(t),
    red: (t) => chalk.red(t),
    green: (t) => chalk.green(t),
    yellow: (t) => chalk.yellow(t),
    blue: (t) => chalk.blue(t),
    magenta: (t) => chalk.magenta(t),
    cyan: (t) => chalk.cyan(t),
  };
}
