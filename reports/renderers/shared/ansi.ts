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

/* eslint-disable no-control-regex -- these patterns exist to find control characters */
const ESCAPE_SEQUENCE = /\u001b\[[0-9;?]*[A-Za-z]/g
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
/** Our own colour codes, which `renderConsoleSummary` keeps. */
export const SGR_SEQUENCE = /(\u001b\[[0-9;]*m)/
/* eslint-enable no-control-regex */

/** Removes escape sequences and other control characters a server could put in a message. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '')
}
