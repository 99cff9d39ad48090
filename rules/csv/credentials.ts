/**
 * Credentials from the credential mappings: numbers that fit the configured card format, and
 * activation and expiration dates that are dates, in order.
 *
 * @module
 */
import { cellAt, defineCsvRule, type CsvRuleContext, type CsvObserver } from './define.ts'
import { choice, credentialMappings, entraCredentialMappings } from './sources.ts'

function credentialRule(ctx: CsvRuleContext, dates: boolean): CsvObserver {
  let mapped = false
  return (event) => {
    if (event.type === 'header' && event.plan.credentials.length > 0) mapped = true
    if (event.type === 'end' && !mapped) ctx.notApplicable('no credential mapping is configured')
    if (event.type !== 'row') return
    for (const problem of event.mapped.credentialProblems) {
      const isDate = problem.message.includes('date') || problem.message.includes('expires')
      if (isDate !== dates) continue
      ctx.report({
        message: `Credential mapping ${problem.mapping + 1}: ${problem.message}`,
        location: cellAt(event.file, event.record, problem.column),
      })
    }
  }
}

export const credentialNumbers = defineCsvRule({
  id: 'CSV-CRED-001',
  level: 'MUST',
  title: 'Credential codes and numbers fit the configured card format',
  profile: 'clearid',
  area: 'csv-credentials',
  tags: ['csv', 'credentials'],
  sources: [
    credentialMappings('credential mappings are the same as for Microsoft Entra ID'),
    entraCredentialMappings(
      'raw code, facility code + card number, fixed facility code + card number; Standard 26 bits, HID H10306 34, H10302 37, H10304 37, Corporate 1000 35 and 48, CSN 32',
    ),
    choice(
      'field widths are those of the HID formats: Standard 26 (8-bit facility, 16-bit card), H10306 (16/16), H10302 (35-bit card), H10304 (16/19), Corporate 1000 35 (12/20) and 48 (22/23), CSN 32 (32)',
    ),
  ],
  fix: 'Check the card format in credentialMappings against the cards (the number printed on a Standard 26-bit card is at most 65535), and export numbers without separators.',
  observe: (ctx) => credentialRule(ctx, false),
})

export const credentialDates = defineCsvRule({
  id: 'CSV-CRED-002',
  level: 'MUST',
  title: 'Credential activation and expiration dates are dates, expiration after activation',
  profile: 'clearid',
  area: 'csv-credentials',
  tags: ['csv', 'credentials', 'dates'],
  sources: [
    entraCredentialMappings('activation and expiration dates can be mapped from attributes'),
  ],
  fix: 'Write the dates as "yyyy-MM-dd" in double quotes and make the expiration later than the activation.',
  observe: (ctx) => credentialRule(ctx, true),
})
