/**
 * One line of a state file: the CRC-32 of the JSON text (8 hex digits), a space, the JSON text and
 * a newline. The checksum tells a damaged line from a good one; the newline tells a complete line
 * from one torn by a crash during its write.
 *
 * @module
 */
import { crc32 } from 'node:zlib'

export function encodeLine(value: unknown): string {
  const json = JSON.stringify(value)
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`
}

export type DecodedLine =
  | { readonly kind: 'value'; readonly value: unknown; readonly line: number }
  | { readonly kind: 'damaged'; readonly reason: string; readonly line: number }
  /** Text after the last newline: a write that did not finish. */
  | { readonly kind: 'torn'; readonly line: number; readonly offset: number }

/** The lines of a state file's text, in order. */
export function* decodeLines(text: string): Generator<DecodedLine> {
  let start = 0
  let line = 0
  while (start < text.length) {
    line++
    const end = text.indexOf('\n', start)
    if (end === -1) {
      yield { kind: 'torn', line, offset: Buffer.byteLength(text.slice(0, start)) }
      return
    }
    yield decodeLine(text.slice(start, end), line)
    start = end + 1
  }
}

const CHECKSUM = /^[0-9a-f]{8}$/

function decodeLine(text: string, line: number): DecodedLine {
  const sum = text.slice(0, 8)
  if (text[8] !== ' ' || !CHECKSUM.test(sum)) {
    return { kind: 'damaged', reason: 'it is not a checksum and a record', line }
  }
  const json = text.slice(9)
  if (crc32(json) !== parseInt(sum, 16)) {
    return { kind: 'damaged', reason: 'its checksum does not match its content', line }
  }
  try {
    return { kind: 'value', value: JSON.parse(json) as unknown, line }
  } catch {
    return { kind: 'damaged', reason: 'its record is not JSON', line }
  }
}
