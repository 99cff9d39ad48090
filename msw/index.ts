/**
 * In-process use of the mock ClearID: msw handlers and a plain `fetch` function, both backed by
 * `createApp` through `app.fetch`, plus the client audit they expose, and msw handlers for the real
 * Microsoft Graph hosts served by the fake Graph source.
 *
 * @module
 */
export { createMswHandlers, type ClearIdMsw } from './handlers.ts'
export { createGraphMswHandlers, type GraphMsw, type GraphMswOptions } from './graph-handlers.ts'
export {
  createFetchHandler,
  DEFAULT_ORIGIN,
  type FetchHandler,
  type InMemoryOptions,
} from './fetch-handler.ts'
