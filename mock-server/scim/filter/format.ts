/**
 * Prints an AST back as canonical filter text that `parseFilter` reads back to the same AST: one
 * space between tokens, JSON literals, parentheses only where precedence or left-associativity
 * needs them. Also used to quote filters in messages.
 *
 * @module
 */
import type { AttrPath, FilterNode, Literal, PatchPath } from './ast.ts'

export function formatAttrPath(path: AttrPath): string {
  const prefix = path.uri === undefined ? '' : `${path.uri}:`
  const suffix = path.subAttr === undefined ? '' : `.${path.subAttr}`
  return `${prefix}${path.name}${suffix}`
}

export function formatLiteral(value: Literal): string {
  // JSON.stringify turns -0 into "0", which would not parse back to the same number.
  if (typeof value === 'number' && Object.is(value, -0)) return '-0'
  return JSON.stringify(value)
}

export function formatFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
      return `${formatAttrPath(node.path)} ${node.op} ${formatLiteral(node.value)}`
    case 'present':
      return `${formatAttrPath(node.path)} pr`
    case 'not':
      return `not (${formatFilter(node.expr)})`
    case 'and':
      return `${operand(node.left, 'and', false)} and ${operand(node.right, 'and', true)}`
    case 'or':
      return `${operand(node.left, 'or', false)} or ${operand(node.right, 'or', true)}`
    case 'valuePath': {
      const base = `${formatAttrPath(node.path)}[${formatFilter(node.filter)}]`
      if (node.subAttr === undefined || node.op === undefined) return base
      return `${base}.${node.subAttr} ${node.op} ${formatLiteral(node.value ?? null)}`
    }
  }
}

export function formatPatchPath(path: PatchPath): string {
  const base = formatAttrPath(path.attr)
  if (path.valueFilter === undefined) return base
  const suffix = path.subAttr === undefined ? '' : `.${path.subAttr}`
  return `${base}[${formatFilter(path.valueFilter)}]${suffix}`
}

/** Parenthesises a child that would otherwise re-associate: `or` under `and`, or a right operand. */
function operand(child: FilterNode, parent: 'and' | 'or', right: boolean): string {
  const text = formatFilter(child)
  const looser = parent === 'and' && child.kind === 'or'
  const reassociates = right && child.kind === parent
  return looser || reassociates ? `(${text})` : text
}
