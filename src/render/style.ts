/**
 * Colours as plain functions, so renderers stay pure: `plainStyle` is the identity, and the shell
 * builds a coloured one (chalk) only for a terminal that wants colour. Renderers measure and pad
 * text first and apply a style last, so escape codes never disturb column widths.
 */

export type Paint = (text: string) => string;

export interface Style {
  readonly enabled: boolean;
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly blue: Paint;
  readonly magenta: Paint;
  readonly cyan: Paint;
}

const same: Paint = (text) => text;

export const plainStyle: Style = {
  enabled: false,
  bold: same,
  dim: same,
  red: same,
  green: same,
  yellow: same,
  blue: same,
  magenta: same,
  cyan: same,
};
