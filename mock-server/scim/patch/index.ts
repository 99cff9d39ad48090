/**
 * The SCIM PATCH engine for ClearID Users. Pure functions, no I/O.
 *
 * @module
 */
export { applyPatch } from './apply-patch.ts'
export type { PatchOptions, UserState } from './apply-patch.ts'
export { readPatchRequest } from './patch-request.ts'
export type { PatchOpName, PatchOperation } from './patch-request.ts'
export { resolveTarget } from './resolve-path.ts'
export type { IgnoredCode, Target } from './resolve-path.ts'
