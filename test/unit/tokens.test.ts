import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { newSipPassword, newToken, sha256, sipHa1 } from '../../electron/platform/security/tokens'

describe('sipHa1', () => {
  it('matches the RFC 2617 §3.5 example (Mufasa / testrealm@host.com / Circle Of Life)', () => {
    // HA1 of the RFC's worked example, and the same value computed here from first principles.
    const independent = createHash('md5')
      .update(Buffer.from('Mufasa:testrealm@host.com:Circle Of Life', 'utf8'))
      .digest('hex')
    expect(independent).toBe('939e7578ed9e3c518a452acee763bce9')
    expect(sipHa1('Mufasa', 'testrealm@host.com', 'Circle Of Life')).toBe(
      '939e7578ed9e3c518a452acee763bce9',
    )
  })

  it('hashes username, realm and password in that order, UTF-8 encoded', () => {
    const md5 = (s: string) => createHash('md5').update(Buffer.from(s, 'utf8')).digest('hex')
    expect(sipHa1('d1', 'sip.example.test', 'pw')).toBe(md5('d1:sip.example.test:pw'))
    expect(sipHa1('sip.example.test', 'd1', 'pw')).not.toBe(sipHa1('d1', 'sip.example.test', 'pw'))
    expect(sipHa1('søren', 'example.dk', 'æøå')).toBe(md5('søren:example.dk:æøå'))
    expect(sipHa1('u', 'r', 'p')).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('newToken', () => {
  const tokens = Array.from({ length: 2_000 }, () => newToken())

  it('is 256 bits as 43 URL-safe base64 characters', () => {
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(t, 'base64url')).toHaveLength(32)
    }
  })

  it('uses the whole URL-safe alphabet and never repeats', () => {
    expect(new Set(tokens).size).toBe(tokens.length)
    const seen = new Set(tokens.join(''))
    expect(seen.size).toBe(64)
  })
})

describe('newSipPassword and sha256', () => {
  it('makes 128-bit hex SIP passwords that differ', () => {
    const a = newSipPassword()
    const b = newSipPassword()
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(a).not.toBe(b)
  })

  it('hashes with SHA-256 as hex', () => {
    // FIPS 180-2 test vector for "abc".
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
