import { reportCommand } from '../../cli/commands/report.ts'
const io = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write('ERR> ' + s) }
process.exitCode = await reportCommand(process.argv.slice(2), io)
