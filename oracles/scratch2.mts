import { compileFilter } from 'scim-query-filter-parser'
import SCIMMY from 'scimmy'
import { USERS } from './corpus/users.ts'
const fs = ['name.givenName eq "ADA"', 'emails[primary eq true]', '((userName sw "g"))', 'name.givenName eq null', 'emails.value eq "ada@contoso.com"', 'emails.type eq "work"', 'not (name.familyName pr)','urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen"']
for (const f of fs) {
  for (const [n, run] of [['scimmy', () => new SCIMMY.Types.Filter(f).match(structuredClone(USERS) as never[])], ['qp', () => USERS.filter(compileFilter(f))]] as const) {
    try { console.log(n, f, (run() as {id:string}[]).map(u=>u.id)) } catch (e) { console.log(n, f, 'ERR', (e as Error).message) }
  }
}
// which user causes scimmy error?
for (const u of USERS) { try { new SCIMMY.Types.Filter('name.givenName eq "ADA"').match([structuredClone(u)]) } catch (e) { console.log('scimmy err on', u.id, (e as Error).message) } }
for (const u of USERS) { try { [u].filter(compileFilter('emails.type eq "work"')) } catch (e) { console.log('qp err on', u.id, (e as Error).message) } }
