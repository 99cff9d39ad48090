/**
 * A state directory the mock will not start from: damaged, foreign, or in use. The message names
 * the file and says how to recover; the mock never falls back to an empty start, which would look
 * like a working mock that lost everything.
 *
 * @module
 */
export class StateFileError extends Error {
  override readonly name = 'StateFileError'
  constructor(
    readonly file: string,
    problem: string,
    recovery: string,
  ) {
    super(`State file ${file}: ${problem}. ${recovery}`)
  }
}
