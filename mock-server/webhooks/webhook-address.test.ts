import { describe, expect, it } from 'vitest'
import { forbiddenHost } from './webhook-address.ts'

/** The hostname a URL gives: IPv4 in any notation becomes dotted, IPv6 compressed in brackets. */
const host = (url: string) => new URL(url).hostname

describe('forbiddenHost', () => {
  it.each([
    'https://169.254.169.254/latest/meta-data/',
    'https://169.254.0.1/',
    'https://2852039166/',
    'https://0xa9.0xfe.0xa9.0xfe/',
    'https://[fe80::1]/',
    'https://[febf:ffff::1]/',
    'https://[fd00:ec2::254]/',
    'https://[::ffff:169.254.169.254]/',
    'https://100.100.100.200/',
    'https://192.0.0.192/',
    'https://metadata.google.internal./computeMetadata/v1/',
    'https://METADATA.GOOGLE.INTERNAL/',
    'https://metadata/',
  ])('refuses %s', (url) => {
    expect(forbiddenHost(host(url))).toMatch(/link-local|metadata/)
  })

  it.each([
    'https://127.0.0.1/',
    'https://10.0.0.8/',
    'https://169.253.1.1/',
    'https://[::1]/',
    'https://[fec0::1]/',
    'https://[fd00:ec2::253]/',
    'https://receiver.example/',
    'https://metadata.example/',
  ])('allows %s', (url) => {
    expect(forbiddenHost(host(url))).toBeUndefined()
  })

  it('reads resolved addresses too', () => {
    expect(forbiddenHost('169.254.169.254')).toBeDefined()
    expect(forbiddenHost('fe80::1%eth0')).toBeDefined()
    expect(forbiddenHost('::ffff:a9fe:a9fe')).toBeDefined()
    expect(forbiddenHost('93.184.216.34')).toBeUndefined()
  })
})
