/**
 * In-process use of the mock ClearID: msw handlers and a plain `fetch` function, both backed by
 * `createApp` through `app.fetch`, plus the client audit they expose.
 *
 * @module
 */
export { createMswHandlers, type ClearIdMsw } from './handlers.ts'
export {
  createFetchHandler,
  DEFAULT_ORIGIN,
  type FetchHandler,
  type InMemoryOptions,
} from './fetch-handler.ts'
