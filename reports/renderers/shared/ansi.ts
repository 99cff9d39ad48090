/**
 * ANSI colours for terminal output, switched off entirely when `color` is false (CI logs, pipes,
 * `NO_COLOR`).
 *
 * @module
 */

export interface Paint {
  red(text: string): string
  green(text: string): string
  yellow(text: string): string
  dim(text: string): string
  bold(text: string): string
}

const wrap = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`

const COLOR: Paint = {
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
}

const identity = (text: string) => text
const PLAIN: Paint = {
  red: identity,
  green: identity,
  yellow: identity,
  dim: identity,
  bold: identity,
}

export function paint(color: boolean): Paint {
  return color ? COLOR : PLAIN
}
