/**
 * `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run.
 *
 * @module
 */
import { run as scim } from './scim.bench.ts'

const benches: { name: string; run: () => Promise<void> }[] = [{ name: 'scim', run: scim }]

try {
  const { run: conformance } = (await import('./conformance.bench.ts')) as {
    run: () => Promise<void>
  }
  benches.push({ name: 'conformance', run: conformance })
} catch {
  // The harness benchmark is optional until the harness exists.
}

const only = process.argv[2]
for (const bench of benches) {
  if (only && bench.name !== only) continue
  await bench.run()
}
