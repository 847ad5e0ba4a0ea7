import { Chalk } from 'chalk';
import { plainStyle, type Style } from '../output/style.js';

/** A Style backed by chalk at an explicit level: colour is never decided at import time. */
export function createChalkStyle(enabled: boolean): Style {
  if (!enabled) return plainStyle;
  const chalk = new Chalk({ level: 1 });
  return {
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    red: (text) => chalk.red(text),
    yellow: (text) => chalk.yellow(text),
    green: (text) => chalk.green(text),
    cyan: (text) => chalk.cyan(text),
  };
}
