/**
 * Addresses a webhook may not reach: link-local ones (169.254.0.0/16, fe80::/10) and the cloud
 * metadata services (169.254.169.254, AWS's fd00:ec2::254, Alibaba's 100.100.100.200, Oracle's
 * 192.0.0.192, `metadata.google.internal` …), which hand out credentials to whoever asks from the
 * machine. A webhook URL is chosen by whoever holds the admin token; without this check the mock
 * would fetch those addresses for them. Checked when a webhook is configured (the URL's host) and
 * at each delivery (the host again, and under Node the address a name resolves to:
 * `node/https-fetch.ts`). The `allowLinkLocalWebhooks` option lifts the check.
 *
 * @module
 */

/** Host names of metadata services (lower case, without a trailing dot). */
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
])

/** IPv4 metadata addresses outside 169.254.0.0/16. */
const METADATA_IPV4 = new Set(['100.100.100.200', '192.0.0.192'])

/**
 * Why `host` (a URL's hostname, IPv6 in brackets, or a resolved address) may not be reached, or
 * undefined when it may. IPv4 is read in the dotted form URLs and resolvers give.
 */
export function forbiddenHost(host: string): string | undefined {
  const name = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase()
  if (METADATA_NAMES.has(name)) return 'a cloud metadata service'
  const ipv4 = ipv4Of(name)
  if (ipv4 !== undefined) return forbiddenIpv4(ipv4)
  if (!name.includes(':')) return undefined
  const groups = ipv6Groups(name)
  if (groups === undefined) return undefined
  // fe80::/10
  if ((groups[0]! & 0xffc0) === 0xfe80) return 'a link-local address'
  if (groups.map((g) => g.toString(16)).join(':') === 'fd00:ec2:0:0:0:0:0:254') {
    return 'a cloud metadata service'
  }
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms reach the IPv4 address.
  if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0)) {
    return forbiddenIpv4([groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff])
  }
  return undefined
}

function forbiddenIpv4(octets: readonly number[]): string | undefined {
  const dotted = octets.join('.')
  if (dotted === '169.254.169.254' || METADATA_IPV4.has(dotted)) return 'a cloud metadata service'
  if (octets[0] === 169 && octets[1] === 254) return 'a link-local address'
  return undefined
}

function ipv4Of(text: string): number[] | undefined {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  const octets = parts?.slice(1).map(Number)
  return octets?.every((octet) => octet <= 255) ? octets : undefined
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail read). */
function ipv6Groups(text: string): number[] | undefined {
  const address = text.split('%', 1)[0]!
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address)?.[1]
  const tailOctets = tail === undefined ? undefined : ipv4Of(tail)
  const hex =
    tailOctets === undefined
      ? address
      : `${address.slice(0, -tail!.length)}${((tailOctets[0]! << 8) | tailOctets[1]!).toString(16)}:${((tailOctets[2]! << 8) | tailOctets[3]!).toString(16)}`
  const halves = hex.split('::')
  if (halves.length > 2) return undefined
  const read = (half: string | undefined) =>
    half === undefined || half === '' ? [] : half.split(':').map((g) => parseInt(g, 16))
  const head = read(halves[0])
  const rest = read(halves[1])
  const missing = 8 - head.length - rest.length
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined
  const groups = [...head, ...new Array<number>(missing).fill(0), ...rest]
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined
}
