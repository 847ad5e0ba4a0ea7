/**
 * The few text styles renderers use. Renderers take a Style and never decide colour themselves;
 * `plainStyle` is what piped output, NO_COLOR and every JSON renderer get.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

const identity = (text: string): string => text;

export const plainStyle: Style = {
  bold: identity,
  dim: identity,
  red: identity,
  yellow: identity,
  green: identity,
  cyan: identity,
};
