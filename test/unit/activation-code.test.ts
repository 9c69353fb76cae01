import { describe, expect, it } from 'vitest'
import {
  buildActivationLink,
  buildActivationPageLink,
  generateActivationCode,
  normalizeActivationCode,
  parseActivationLink,
  parseActivationPageLink,
  readActivationText,
} from '@shared/activation-code'

/** Crockford's base32: digits and upper-case letters without I, L, O and U. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/

describe('generateActivationCode', () => {
  const SAMPLE = 10_000
  const codes = Array.from({ length: SAMPLE }, () => generateActivationCode())

  it('has the XXXX-XXXX-XXXX shape in Crockford base32', () => {
    expect(CROCKFORD).toHaveLength(32)
    for (const ch of 'ILOU') expect(CROCKFORD).not.toContain(ch)
    for (const code of codes) expect(code).toMatch(SHAPE)
  })

  it('never repeats a code in 10,000', () => {
    expect(new Set(codes).size).toBe(SAMPLE)
  })

  it('is already in canonical form', () => {
    for (const code of codes.slice(0, 100)) expect(normalizeActivationCode(code)).toBe(code)
  })

  it('draws every position uniformly from all 32 symbols (12 × 5 = 60 bits)', () => {
    const chars = codes.map((c) => c.replaceAll('-', ''))
    const expected = SAMPLE / 32
    for (let pos = 0; pos < 12; pos++) {
      const counts = new Map<string, number>()
      for (const c of chars) counts.set(c[pos]!, (counts.get(c[pos]!) ?? 0) + 1)
      // All 32 symbols occur at every position: 5 bits each, 60 in all.
      expect([...counts.keys()].sort().join(''), `position ${pos}`).toBe(CROCKFORD)
      // Pearson's chi-square with 31 degrees of freedom: mean 31, and above 85
      // with probability about 1e-6 for a uniform source. A biased mapping
      // (e.g. `byte % 30`, or a symbol drawn twice as often) lands far above.
      let chi2 = 0
      for (const n of counts.values()) chi2 += (n - expected) ** 2 / expected
      expect(chi2, `chi-square at position ${pos}`).toBeLessThan(85)
    }
  })
})

describe('normalizeActivationCode', () => {
  it('keeps a canonical code as is', () => {
    expect(normalizeActivationCode('K7QF-3M9X-PW2D')).toBe('K7QF-3M9X-PW2D')
  })

  it('accepts lower case, spaces and missing dashes', () => {
    expect(normalizeActivationCode('k7qf-3m9x-pw2d')).toBe('K7QF-3M9X-PW2D')
    expect(normalizeActivationCode('K7QF 3M9X PW2D')).toBe('K7QF-3M9X-PW2D')
    expect(normalizeActivationCode('  k7qf3m9xpw2d \n')).toBe('K7QF-3M9X-PW2D')
    expect(normalizeActivationCode('K7QF3M9XPW2D')).toBe('K7QF-3M9X-PW2D')
    expect(normalizeActivationCode('K7 QF3-M9XP W2D')).toBe('K7QF-3M9X-PW2D')
    expect(normalizeActivationCode('K7QF-3M9X-PW2D-')).toBe('K7QF-3M9X-PW2D')
  })

  it('maps the look-alikes O to 0 and I, L to 1', () => {
    expect(normalizeActivationCode('OOOO-IIII-LLLL')).toBe('0000-1111-1111')
    expect(normalizeActivationCode('o1li-0000-0000')).toBe('0111-0000-0000')
  })

  it('rejects the wrong length', () => {
    expect(normalizeActivationCode('')).toBeNull()
    expect(normalizeActivationCode('K7QF-3M9X-PW2')).toBeNull()
    expect(normalizeActivationCode('K7QF-3M9X-PW2DA')).toBeNull()
    expect(normalizeActivationCode('K7QF-3M9X')).toBeNull()
  })

  it('rejects U and characters outside the alphabet', () => {
    expect(normalizeActivationCode('K7QF-3M9X-PW2U')).toBeNull()
    expect(normalizeActivationCode('u7qf-3m9x-pw2d')).toBeNull()
    expect(normalizeActivationCode('K7QF-3M9X-PW2!')).toBeNull()
    expect(normalizeActivationCode('K7QF-3M9X-PW2Ø')).toBeNull()
    expect(normalizeActivationCode('K7QF/3M9X/PW2D')).toBeNull()
  })
})

describe('activation links', () => {
  const CODE = 'K7QF-3M9X-PW2D'

  it('builds phonesystems://activate?server=<url>&code=<code>', () => {
    const link = buildActivationLink('https://pbx.example.com', CODE)
    const url = new URL(link)
    expect(url.protocol).toBe('phonesystems:')
    expect(url.hostname).toBe('activate')
    expect(url.searchParams.get('server')).toBe('https://pbx.example.com')
    expect(url.searchParams.get('code')).toBe(CODE)
    expect(link.startsWith('phonesystems://activate?')).toBe(true)
  })

  it('round-trips, including servers with a port, a path and a query', () => {
    for (const server of [
      'https://pbx.example.com',
      'http://127.0.0.1:8780',
      'http://10.0.0.5:8780/base?x=1&y=2',
      'https://[::1]:8443/',
    ]) {
      expect(parseActivationLink(buildActivationLink(server, CODE))).toEqual({ server, code: CODE })
    }
  })

  it('normalises the code it finds and tolerates surrounding white space', () => {
    const link = `  ${buildActivationLink('https://pbx.example.com', 'k7qf 3m9x pw2d')}\n`
    expect(parseActivationLink(link)).toEqual({ server: 'https://pbx.example.com', code: CODE })
  })

  it('rejects other schemes and other hosts', () => {
    const query = `server=${encodeURIComponent('https://pbx.example.com')}&code=${CODE}`
    expect(parseActivationLink(`https://activate?${query}`)).toBeNull()
    expect(parseActivationLink(`phonesystem://activate?${query}`)).toBeNull()
    expect(parseActivationLink(`javascript://activate?${query}`)).toBeNull()
    expect(parseActivationLink(`phonesystems://deactivate?${query}`)).toBeNull()
  })

  it('rejects a link without a server', () => {
    expect(parseActivationLink(`phonesystems://activate?code=${CODE}`)).toBeNull()
    expect(parseActivationLink(`phonesystems://activate?server=&code=${CODE}`)).toBeNull()
  })

  it('rejects a server that is not an http(s) URL', () => {
    for (const server of [
      'ftp://pbx.example.com',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'pbx',
    ]) {
      expect(parseActivationLink(buildActivationLink(server, CODE)), server).toBeNull()
    }
  })

  it('rejects a missing or bad code', () => {
    const server = 'https://pbx.example.com'
    expect(
      parseActivationLink(`phonesystems://activate?server=${encodeURIComponent(server)}`),
    ).toBeNull()
    expect(parseActivationLink(buildActivationLink(server, ''))).toBeNull()
    expect(parseActivationLink(buildActivationLink(server, 'K7QF-3M9X'))).toBeNull()
    expect(parseActivationLink(buildActivationLink(server, 'K7QF-3M9X-PW2U'))).toBeNull()
  })

  it('rejects text that is not a URL', () => {
    expect(parseActivationLink('')).toBeNull()
    expect(parseActivationLink(CODE)).toBeNull()
    expect(parseActivationLink('not a link')).toBeNull()
  })
})

describe('activation page link', () => {
  it('puts the code without dashes in the fragment of <public url>/activate', () => {
    expect(buildActivationPageLink('https://pbx.example.com', 'K7QF-3M9X-PW2D')).toBe(
      'https://pbx.example.com/activate#K7QF3M9XPW2D',
    )
    expect(buildActivationPageLink('http://127.0.0.1:8780/', 'k7qf-3m9x-pw2d')).toBe(
      'http://127.0.0.1:8780/activate#K7QF3M9XPW2D',
    )
  })

  it('parses back to the platform and the canonical code, also under a path', () => {
    expect(parseActivationPageLink('https://pbx.example.com/activate#K7QF3M9XPW2D')).toEqual({
      server: 'https://pbx.example.com',
      code: 'K7QF-3M9X-PW2D',
    })
    expect(
      parseActivationPageLink('https://example.com/phones/activate/#code=k7qf-3m9x-pw2d'),
    ).toEqual({
      server: 'https://example.com/phones',
      code: 'K7QF-3M9X-PW2D',
    })
  })

  it('round-trips every generated code', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateActivationCode()
      const link = buildActivationPageLink('http://10.0.0.5:8780', code)
      expect(parseActivationPageLink(link)).toEqual({ server: 'http://10.0.0.5:8780', code })
    }
  })

  it('is not an activation link without the page, a code or an http(s) scheme', () => {
    expect(parseActivationPageLink('https://pbx.example.com/download#K7QF3M9XPW2D')).toBeNull()
    expect(parseActivationPageLink('https://pbx.example.com/activate')).toBeNull()
    expect(parseActivationPageLink('https://pbx.example.com/activate#K7QF3M9X')).toBeNull()
    expect(parseActivationPageLink('ftp://pbx.example.com/activate#K7QF3M9XPW2D')).toBeNull()
    expect(parseActivationPageLink('not a url')).toBeNull()
  })
})

describe('readActivationText', () => {
  const code = 'K7QF-3M9X-PW2D'

  it('reads the short code alone: any case, spaces, dashes or none', () => {
    for (const input of [
      code,
      'k7qf-3m9x-pw2d',
      '  K7QF 3M9X PW2D\n',
      'k7qf3m9xpw2d',
      '\tK7QF-3M9X-PW2D  ',
    ]) {
      expect(readActivationText(input)).toEqual({ ok: true, code, server: null })
    }
  })

  it('reads both kinds of link, with their platform', () => {
    expect(readActivationText(' https://pbx.example.com/activate#K7QF3M9XPW2D ')).toEqual({
      ok: true,
      code,
      server: 'https://pbx.example.com',
    })
    const desktop = buildActivationLink('http://127.0.0.1:8780/', code)
    expect(readActivationText(desktop)).toEqual({ ok: true, code, server: 'http://127.0.0.1:8780' })
  })

  it('finds the link in a pasted paragraph of the email, ignoring the sentence around it', () => {
    const paragraph = `Hello Ada,

Activate phone.systems: https://pbx.example.com/activate#K7QF3M9XPW2D.

Or set it up yourself:
1. Download the app: https://pbx.example.com/download`
    expect(readActivationText(paragraph)).toEqual({
      ok: true,
      code,
      server: 'https://pbx.example.com',
    })
  })

  it('finds a dashed code in a pasted paragraph, not an ordinary 12-letter word', () => {
    expect(
      readActivationText(
        'Your registration is ready. Authentication code: k7qf-3m9x-pw2d (works once).',
      ),
    ).toEqual({ ok: true, code, server: null })
    expect(readActivationText('Your registration is ready.')).toEqual({
      ok: false,
      reason: 'not-a-code',
    })
  })

  it('finds the code of the text email beside its other links', () => {
    const lines = `1. Download the app: https://pbx.example.com/download
2. Open it and click Sign in.

   K7QF-3M9X-PW2D`
    expect(readActivationText(lines)).toEqual({ ok: true, code, server: null })
  })

  it('says why it cannot be used', () => {
    expect(readActivationText('   ')).toEqual({ ok: false, reason: 'empty' })
    expect(readActivationText('K7QF-3M9X')).toEqual({ ok: false, reason: 'not-a-code' })
    expect(readActivationText('https://evil.example/login')).toEqual({
      ok: false,
      reason: 'not-a-link',
    })
    expect(readActivationText('phonesystems://activate?code=K7QF-3M9X-PW2D')).toEqual({
      ok: false,
      reason: 'not-a-link',
    })
    expect(readActivationText('phonesystems://activate?code=K7QF3M9XPW2D')).toEqual({
      ok: false,
      reason: 'not-a-link',
    })
  })
})
