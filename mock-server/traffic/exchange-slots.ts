/**
 * How the traffic log packs a kept exchange (`exchange-note.ts`) into a slot of its ring
 * (`packed-ring.ts`): nine texts (warnings, rejection and fault as one JSON text, when any) and
 * seven numbers.
 *
 * @module
 */
import type { InjectedFault } from '../faults/fault-step.ts'
import type { RequestWarning } from '../scim/warnings.ts'
import type { KeptText } from './captured-exchange.ts'
import type { KeptExchange } from './exchange-note.ts'
import { optionalNumber, PackedRing, type SlotLayout } from './packed-ring.ts'
import type { Rejection } from './record.ts'

/** Bytes per slot: a typical Entra exchange (a user and its headers) packs into about 1.4 KB. */
export const DEFAULT_SLOT_BYTES = 3072

// Texts, in slot order.
const METHOD = 0
const URL_ = 1
const PATH = 2
const REQUEST_HEADERS = 3
const REQUEST_BODY = 4
const RESPONSE_HEADERS = 5
const RESPONSE_BODY = 6
const ERROR = 7
const EXTRAS = 8

// Numbers; NaN: absent.
const SEQ = 0
const AT = 1
const T = 2
const DURATION = 3
const STATUS = 4
const REQUEST_CUT = 5
const RESPONSE_CUT = 6

interface Extras {
  readonly warnings?: readonly RequestWarning[]
  readonly rejection?: Rejection
  readonly fault?: InjectedFault
}

/** The ring of one account's kept exchanges. */
export function exchangeRing(
  accountId: string,
  capacity: number,
  slotBytes = DEFAULT_SLOT_BYTES,
): PackedRing<KeptExchange> {
  return new PackedRing(capacity, exchangeLayout(accountId), slotBytes)
}

function exchangeLayout(accountId: string): SlotLayout<KeptExchange> {
  return {
    textCount: 9,
    numberCount: 7,
    seqField: SEQ,
    seqOf: (exchange) => exchange.seq,
    texts: (exchange) => [
      exchange.method,
      exchange.url,
      exchange.path,
      exchange.requestHeaders,
      exchange.requestBody?.text,
      exchange.responseHeaders,
      exchange.responseBody?.text,
      exchange.error,
      extrasOf(exchange),
    ],
    writeNumbers(exchange, numbers, at) {
      numbers[at + SEQ] = exchange.seq
      numbers[at + AT] = exchange.atMs
      numbers[at + T] = exchange.t
      numbers[at + DURATION] = exchange.durationMs
      numbers[at + STATUS] = exchange.status ?? NaN
      numbers[at + REQUEST_CUT] = exchange.requestBody?.cutFrom ?? NaN
      numbers[at + RESPONSE_CUT] = exchange.responseBody?.cutFrom ?? NaN
    },
    item(texts, numbers, at) {
      const extras: Extras = texts[EXTRAS] ? (JSON.parse(texts[EXTRAS]) as Extras) : {}
      return {
        seq: numbers[at + SEQ]!,
        accountId,
        atMs: numbers[at + AT]!,
        t: numbers[at + T]!,
        durationMs: numbers[at + DURATION]!,
        method: texts[METHOD]!,
        url: texts[URL_]!,
        path: texts[PATH]!,
        requestHeaders: texts[REQUEST_HEADERS] ?? '',
        requestBody: kept(texts[REQUEST_BODY], optionalNumber(numbers, at + REQUEST_CUT)),
        status: optionalNumber(numbers, at + STATUS),
        responseHeaders: texts[RESPONSE_HEADERS],
        responseBody: kept(texts[RESPONSE_BODY], optionalNumber(numbers, at + RESPONSE_CUT)),
        error: texts[ERROR],
        warnings: extras.warnings ?? [],
        rejection: extras.rejection,
        fault: extras.fault,
      }
    },
  }
}

/** Warnings, rejection and fault as one JSON text; most exchanges have none. */
function extrasOf({ warnings, rejection, fault }: KeptExchange): string | undefined {
  if (warnings.length === 0 && rejection === undefined && fault === undefined) return undefined
  const extras: Extras = {
    ...(warnings.length > 0 && { warnings }),
    ...(rejection && { rejection }),
    ...(fault && { fault }),
  }
  return JSON.stringify(extras)
}

function kept(text: string | undefined, cutFrom: number | undefined): KeptText | undefined {
  if (text === undefined) return undefined
  return cutFrom === undefined ? { text } : { text, cutFrom }
}
