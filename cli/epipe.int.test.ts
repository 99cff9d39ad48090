/**
 * `clearid-conformance rules --json | head -c 100`: a reader that stops early ends the command
 * quietly (exit 0, nothing on stderr), as Unix tools do, instead of an unhandled EPIPE. Run through
 * a real shell pipe: Node's own child-process pipes are socket pairs whose buffers hold the output.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../bin/clearid-conformance.mjs', import.meta.url))

it('ends quietly when its reader closes the pipe', async () => {
  const script = `"$0" "$1" rules --json | head -c 100 > /dev/null; echo "exit=\${PIPESTATUS[0]}"`
  const { stdout, stderr } = await promisify(execFile)(
    'bash',
    ['-c', script, process.execPath, BIN],
    { env: { ...process.env, NO_COLOR: '1' } },
  )
  expect(stderr).toBe('')
  expect(stdout.trim()).toBe('exit=0')
})
