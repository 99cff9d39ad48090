/**
 * Waiting for the traffic log instead of for time: a test that must read what the mock recorded
 * about an exchange awaits the record itself, which arrives when the exchange is over.
 *
 * @module
 */
import type { MockApp } from '../app.ts'
import type { TrafficRecord } from '../traffic/record.ts'

/** The next record the app's traffic log keeps, from any account. */
export function nextRecord(app: MockApp): Promise<TrafficRecord> {
  return new Promise((resolve) => {
    const unsubscribe = app.mock.traffic.subscribe((record) => {
      unsubscribe()
      resolve(record)
    })
  })
}
