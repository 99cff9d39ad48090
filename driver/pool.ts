/**
 * Runs async work over items with at most `concurrency` in flight, keeping results in item order.
 *
 * @module
 */

/**
 * On the first failure no further item starts, and the call rejects (with that first error) only
 * once the work already in flight has settled. A caller's `finally` (cleanup of what the work
 * created) then sees everything the work did: rejecting at once would let requests still in flight
 * create identities after cleanup has looked, and those would be left behind.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  let failure: { readonly error: unknown } | undefined
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next
      next += 1
      try {
        results[index] = await work(items[index] as T, index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  const lanes = Math.max(1, Math.min(concurrency, items.length))
  await Promise.all(Array.from({ length: lanes }, worker))
  if (failure !== undefined) throw failure.error
  return results
}
