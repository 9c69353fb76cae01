import { describe, expect, it } from 'vitest'
import { insecurePublicUrlWarning, isLoopbackHost } from '../../electron/platform/config'

describe('insecurePublicUrlWarning', () => {
  it.each([
    'http://pbx.example.com',
    'http://pbx.example.com:8780/',
    'http://192.168.1.20:8780',
    'http://0.0.0.0:8780',
    'http://[2001:db8::1]:8780',
    'http://128.0.0.1',
    'http://localhost.example.com',
  ])('warns about %s', (url) => {
    const warning = insecurePublicUrlWarning(url)
    expect(warning).toContain(`PHONE_SYSTEMS_PUBLIC_URL is ${new URL(url).origin}`)
    expect(warning).toContain('PHONE_SYSTEMS_TLS_CERT')
    expect(warning).toContain('Production: HTTPS and WSS')
  })

  it.each([
    'https://pbx.example.com',
    'https://192.168.1.20:8780',
    'http://127.0.0.1:8780',
    'http://127.8.9.10',
    'http://localhost:8780',
    'http://LOCALHOST',
    'http://app.localhost:8780',
    'http://[::1]:8780',
  ])('says nothing about %s', (url) => {
    expect(insecurePublicUrlWarning(url)).toBeUndefined()
  })
})

describe('isLoopbackHost', () => {
  it('knows 127.0.0.0/8, ::1 and localhost', () => {
    expect(
      ['127.0.0.1', '127.255.255.254', '[::1]', '::1', 'localhost'].map(isLoopbackHost),
    ).toEqual([true, true, true, true, true])
    expect(['10.0.0.1', '::', '[::2]', '0.0.0.0', 'example.com'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })
})
