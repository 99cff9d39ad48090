import { FILTER_CASES } from './corpus/filters.ts'
import { USERS } from './corpus/users.ts'
import { mockEngine, PACKAGE_ENGINES } from './filter-engines.ts'
const fmt = (o: unknown) => (o === 'error' ? 'error' : JSON.stringify(o))
for (const c of FILTER_CASES) {
  const mock = mockEngine.run(c.filter, USERS)
  const lines: string[] = []
  if (fmt(mock) !== fmt(c.expected)) lines.push(`  MOCK ${fmt(mock)} vs expected ${fmt(c.expected)}`)
  for (const e of PACKAGE_ENGINES) {
    const r = e.run(c.filter, USERS)
    if (fmt(r) !== fmt(mock)) lines.push(`  ${e.name}: ${fmt(r)}  (mock ${fmt(mock)})`)
  }
  if (lines.length) console.log(`${c.id} ${c.filter}\n${lines.join('\n')}`)
}
