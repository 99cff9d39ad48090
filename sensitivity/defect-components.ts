/**
 * The defects a run switches on, as `createApp` components: the mock knows nothing of defects, it
 * only takes the components (`mock-server/components.ts`) these build.
 *
 * @module
 */
import type { AppComponents } from '../mock-server/components.ts'
import type { DefectId } from '../mock-server/defects.ts'
import { wireSteps } from './wire/wire-defects.ts'

export function defectComponents(ids: readonly DefectId[]): AppComponents {
  const scimSteps = wireSteps(ids)
  return { ...(scimSteps && { scimSteps }) }
}
