/**
 * Defects inside the mock, where the HTTP boundary cannot reach: validation that lets an issue
 * through, storage that answers a conflicting write as if it were stored (it is not), a key check
 * that takes another account's key. Each one wraps a component of `createApp`
 * (`mock-server/components.ts`) around the mock's own.
 *
 * @module
 */
import type { Identity } from '../model/identity.ts'
import type { ValidationIssue } from '../model/validate.ts'
import type { AppComponents } from '../mock-server/components.ts'
import type { MockContext } from '../mock-server/context.ts'
import { UniquenessConflict } from '../mock-server/store/identity-store.ts'
import type { DefectId } from './defects.ts'
import { scimAccountOf } from '../mock-server/scim/scim-base.ts'
import { anyAccountHolds, presentedKey } from './wire/wire.ts'

export type DomainDefect = Pick<AppComponents, 'scimAuth' | 'validateUser' | 'saveUser'>

/** Validation that no longer reports the issues `ignored` picks. */
const letThrough = (ignored: (issue: ValidationIssue) => boolean): DomainDefect => ({
  validateUser: (validate) => (identity) => validate(identity).filter((issue) => !ignored(issue)),
})

/** Storage that swallows the conflicts `accepted` picks: the write answers as if stored. */
const acceptConflict = (
  accepted: (conflict: UniquenessConflict, identity: Identity, ctx: MockContext) => boolean,
): DomainDefect => ({
  saveUser: (save, ctx) => (identity, type) => {
    try {
      save(identity, type)
    } catch (error) {
      if (!(error instanceof UniquenessConflict) || !accepted(error, identity, ctx)) throw error
    }
  },
})

export const DOMAIN_DEFECTS: Partial<Record<DefectId, DomainDefect>> = {
  'accept-two-letter-country-code': letThrough(
    (issue) => issue.rule === 'countryCode' && /"[A-Za-z]{2}"/.test(issue.message),
  ),
  'missing-username-accepted': letThrough(
    (issue) => issue.rule === 'required' && issue.attribute === 'userName',
  ),
  'missing-display-name-accepted': letThrough(
    (issue) => issue.rule === 'required' && issue.attribute === 'displayName',
  ),
  'missing-external-id-accepted': letThrough(
    (issue) => issue.rule === 'required' && issue.attribute === 'externalId',
  ),
  'first-or-last-name-not-required': letThrough((issue) => issue.rule === 'firstOrLastName'),
  'email-format-unchecked': letThrough(
    (issue) => issue.rule === 'email' && issue.attribute === 'email',
  ),
  'secondary-email-unchecked': letThrough(
    (issue) => issue.rule === 'email' && issue.attribute === 'secondaryEmail',
  ),
  'allow-duplicate-external-id': acceptConflict((conflict) => conflict.attribute === 'externalId'),
  'duplicate-username-allowed': acceptConflict((conflict) => conflict.attribute === 'userName'),
  // A case variant of a taken userName is not a conflict.
  'username-uniqueness-case-sensitive': acceptConflict(
    (conflict, identity, ctx) =>
      conflict.attribute === 'userName' &&
      ctx.store.findByUserName(identity.accountId, conflict.value)?.userName !== conflict.value,
  ),
  // A SCIM write leaves a value alone that a REST client changed last.
  'rest-edit-survives-scim': {
    saveUser: (save, ctx) => (identity, type) => {
      const current = ctx.store.get(identity.accountId, identity.id)
      const firstName = current?.attributes.firstName
      if (type !== 'IdentityUpdated' || current?.source !== 'rest' || firstName === undefined)
        return save(identity, type)
      save({ ...identity, attributes: { ...identity.attributes, firstName } }, type)
    },
  },
  // A SCIM key that once opened an account keeps opening it after the key was regenerated.
  'old-scim-key-accepted': {
    scimAuth: (auth) => {
      const accepted = new Set<string>()
      return function keepOldKeys(c, next) {
        const key = presentedKey(c)
        const account = scimAccountOf(c)
        if (key !== undefined && accepted.has(`${account} ${key}`)) return next()
        return auth(c, () => {
          if (key !== undefined) accepted.add(`${account} ${key}`)
          return next()
        })
      }
    },
  },
  // After a SCIM reset completed, SCIM updates to the account answer as stored and change nothing.
  'reset-writes-dropped': {
    saveUser: (save, ctx) => (identity, type) => {
      if (
        type === 'IdentityUpdated' &&
        ctx.scimResets.status(identity.accountId)?.status === 'Completed'
      )
        return
      save(identity, type)
    },
  },
  // A key of any account opens every account.
  'accept-foreign-key': {
    scimAuth: (auth, ctx) =>
      function acceptForeignKey(c, next) {
        const key = presentedKey(c)
        return key !== undefined && anyAccountHolds(ctx, key) ? next() : auth(c, next)
      },
  },
}
