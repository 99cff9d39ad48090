/**
 * The Node shell of the mock (`clearid-conformance/node`): serve a `createApp` app on a port with
 * the Node adapter, with the socket-level faults (resets, timeouts) that `app.fetch` alone cannot
 * produce.
 *
 * @module
 */
export { startServer, isLoopback, type RunningServer } from './serve.ts'
