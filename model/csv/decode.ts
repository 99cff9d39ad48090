/**
 * Bytes to text the way the configured encoding says, chunk by chunk, and what the first bytes
 * give away: a byte-order mark, or a file that is not text at all (a workbook, a PDF, an image).
 * UTF-8 is TextDecoder's (invalid bytes become U+FFFD, which the encoding rule then finds with its
 * row and column); ISO-8859-1 maps each byte to the code point of the same number, which is what
 * the encoding is (TextDecoder's "latin1" is Windows-1252, which differs for 0x80–0x9F).
 *
 * @module
 */
import type { CsvEncoding } from './config.ts'

export interface ChunkDecoder {
  /** `end`: the last chunk (an incomplete UTF-8 sequence at the end becomes U+FFFD). */
  decode(bytes: Uint8Array, end?: boolean): string
}

export function createDecoder(encoding: CsvEncoding): ChunkDecoder {
  if (encoding === 'ISO-8859-1') {
    return {
      decode(bytes) {
        let out = ''
        // fromCharCode takes its arguments on the stack: convert in slices.
        for (let i = 0; i < bytes.length; i += 8192)
          out += String.fromCharCode(...bytes.subarray(i, i + 8192))
        return out
      },
    }
  }
  // ignoreBOM keeps a BOM in the text, so the checker can report it; the reader removes it.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  return { decode: (bytes, end = false) => decoder.decode(bytes, { stream: !end }) }
}

export type ByteOrderMark = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE'

/** The byte-order mark the file starts with, if any. */
export function sniffBom(start: Uint8Array): { bom: ByteOrderMark; length: number } | undefined {
  const [a, b, c, d] = start
  if (a === 0xef && b === 0xbb && c === 0xbf) return { bom: 'UTF-8', length: 3 }
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { bom: 'UTF-32LE', length: 4 }
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { bom: 'UTF-32BE', length: 4 }
  if (a === 0xff && b === 0xfe) return { bom: 'UTF-16LE', length: 2 }
  if (a === 0xfe && b === 0xff) return { bom: 'UTF-16BE', length: 2 }
  return undefined
}

const MAGIC: readonly (readonly [readonly number[], string])[] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an Excel .xlsx workbook is one)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Office document (an Excel .xls workbook)'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable (ELF)'],
  [[0x4d, 0x5a], 'a Windows executable'],
]

export interface NotText {
  /** What the bytes are, in words. */
  readonly what: string
  /** Offset of the first byte that gave it away. */
  readonly offset: number
}

/**
 * Whether the first bytes are not text: a known binary signature, or a NUL byte (which no CSV of
 * either documented encoding has). UTF-16 and UTF-32 files are reported by their BOM instead.
 */
export function sniffBinary(start: Uint8Array): NotText | undefined {
  if (sniffBom(start)?.bom.startsWith('UTF-16') || sniffBom(start)?.bom.startsWith('UTF-32'))
    return undefined
  for (const [magic, what] of MAGIC) {
    if (magic.every((byte, i) => start[i] === byte)) return { what, offset: 0 }
  }
  const nul = start.indexOf(0)
  if (nul >= 0)
    return { what: 'binary data (it holds NUL bytes, which no text file has)', offset: nul }
  return undefined
}

/** What a text that does not look like CSV looks like instead, from its first characters. */
export function sniffOtherText(text: string): string | undefined {
  const start = text.trimStart().slice(0, 200).toLowerCase()
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'an HTML page'
  if (start.startsWith('<?xml') || /^<[a-z]/.test(start)) return 'an XML document'
  if (start.startsWith('{') || start.startsWith('[{') || start.startsWith('[\n') || start === '[')
    return 'JSON'
  if (start.startsWith('{\\rtf')) return 'an RTF document'
  return undefined
}
