/**
 * Four test tiers, chosen by file name, so a developer runs the fast one while editing and
 * `npm test` runs them all:
 * - `unit`: in-process only (no port, no child process, no browser); seconds. Every `*.test.ts`
 *   that no other tier claims.
 * - `integration` (`*.int.test.ts`, everything under `testing/package/`, and the msw tests): real
 *   sockets, child processes, the CLI as a process, third-party servers, the full catalogue end to
 *   end, patched globals.
 * - `browser` (`*.browser.test.ts`): the HTML report and the mock's dashboard in Chromium; skips
 *   without one.
 * - `sensitivity`: every defect switch against the rules it can reach (`suites/sensitivity*`, and
 *   the top-level `sensitivity/` it is moving to); runs last, on two workers.
 */
import { configDefaults, defineConfig } from 'vitest/config'

/**
 * msw's `setupServer` patches the global `fetch` and request modules, so its tests run in the
 * isolated integration tier: in the shared unit workers one file's interceptors could still be
 * in place for another's.
 */
const MSW = ['msw/**/*.test.ts', 'examples/**/*.test.ts']
const INTEGRATION = ['**/*.int.test.ts', 'testing/package/**/*.test.ts', ...MSW]
const BROWSER = ['**/*.browser.test.ts']
const SENSITIVITY = [
  'suites/sensitivity.test.ts',
  'suites/sensitivity/**/*.test.ts',
  'sensitivity/**/*.test.ts',
]
/** Never tests of this project: dependencies, and files that tests write and run themselves. */
const EXCLUDE = [...configDefaults.exclude, 'out/**']

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          // Files share each worker's module cache: a unit test leaves no global behind (no
          // vi.mock, fake timers restored after each test). Isolating every file re-imports the
          // app for each and takes four times as long.
          isolate: false,
          exclude: [...EXCLUDE, ...INTEGRATION, ...BROWSER, ...SENSITIVITY],
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: INTEGRATION, exclude: [...EXCLUDE, ...SENSITIVITY] },
      },
      { extends: true, test: { name: 'browser', include: BROWSER, exclude: EXCLUDE } },
      {
        extends: true,
        test: {
          name: 'sensitivity',
          include: SENSITIVITY,
          exclude: EXCLUDE,
          // Its files are CPU-bound runs of the mock in-process and nothing else: after the other
          // tiers (one worker, the default on two cores, beside vitest's own process), they take
          // both cores.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
