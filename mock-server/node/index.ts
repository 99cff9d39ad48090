/**
 * The Node shell of the mock (`clearid-conformance/node`): serve a `createApp` app on a port with
 * the Node adapter, with the socket-level faults (resets, timeouts) that `app.fetch` alone cannot
 * produce, and keep its state in a directory across restarts (`openStateDir`).
 *
 * @module
 */
export { startServer, isLoopback, type RunningServer } from './serve.ts'
export { openStateDir, StateDir, type Durability, type StateDirOptions } from './state/state-dir.ts'
export { StateFileError } from './state/state-file-error.ts'
