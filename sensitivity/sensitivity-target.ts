/**
 * The mock every sensitivity run is made with, the reach run's included, so both see the same
 * traffic.
 *
 * @module
 */
import type { AppComponents } from '../mock-server/components.ts'
import { inProcessTarget } from '../suites/targets/in-process.ts'
import type { Target } from '../suites/targets/target.ts'

/**
 * A switch runs only the rules it can reach (`reach.ts`), so an account holds fewer identities
 * than in a whole run: short v3 pages make the list rule follow a continuation all the same.
 */
const BEHAVIOUR = { v3PageSize: 2 } as const

export function sensitivityTarget(components?: AppComponents): Target {
  return inProcessTarget({ behaviour: BEHAVIOUR, ...(components ? { components } : {}) })
}
