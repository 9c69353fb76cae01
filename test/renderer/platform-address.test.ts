import { afterEach, describe, expect, it } from 'vitest'
import {
  knownPlatformUrl,
  normalizePlatformAddress,
  rememberPlatformUrl,
} from '../../renderer/src/softphone/platform-address'

describe('Server address', () => {
  afterEach(() => localStorage.clear())

  it('reads what a person types as an address: https when no scheme, no trailing slash', () => {
    expect(normalizePlatformAddress('pbx.example.com')).toBe('https://pbx.example.com')
    expect(normalizePlatformAddress(' http://10.0.0.5:8780/ ')).toBe('http://10.0.0.5:8780')
    expect(normalizePlatformAddress('https://example.com/phones/')).toBe(
      'https://example.com/phones',
    )
    expect(normalizePlatformAddress('http://[::1]:8780')).toBe('http://[::1]:8780')
  })

  it('refuses what cannot be a platform address', () => {
    for (const input of [
      '',
      '   ',
      'http://exa mple',
      'ftp://pbx.example.com',
      'https://x.example/?a=1',
      'https://x.example/#k',
    ]) {
      expect(normalizePlatformAddress(input), input).toBeNull()
    }
  })

  it('knows the page origin in a browser, and prefers the platform activated against last', () => {
    expect(knownPlatformUrl()).toBe('http://127.0.0.1:8780')
    rememberPlatformUrl('https://pbx.example.com')
    expect(knownPlatformUrl()).toBe('https://pbx.example.com')
  })
})
