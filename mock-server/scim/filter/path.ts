/**
 * PATCH `path` parsing (RFC 7644 §3.5.2): `attrPath / valuePath [subAttr]`, e.g. `active`,
 * `name.givenName`, `urn:…:clearid:2.0:User:firstName`, `emails[type eq "work"].value`. Errors carry
 * `scimType: 'invalidPath'`.
 *
 * @module
 */
import type { ParseOptions, PatchPath } from './ast.ts'
import { Parser } from './parser.ts'

export function parseAttributePath(input: string, options: ParseOptions = {}): PatchPath {
  const parser = new Parser(input, options, 'invalidPath')
  const attr = parser.parseAttrPath('an attribute path')
  if (parser.lexer.peek().kind !== 'lbracket') {
    parser.expectEnd('the end of the path')
    return { attr }
  }
  const valueFilter = parser.parseBracketFilter(attr)
  if (parser.lexer.peek().kind !== 'dot') {
    parser.expectEnd('"." and a sub-attribute, or the end of the path')
    return { attr, valueFilter }
  }
  const subAttr = parser.parseSubAttr()
  parser.expectEnd('the end of the path')
  return { attr, valueFilter, subAttr }
}
