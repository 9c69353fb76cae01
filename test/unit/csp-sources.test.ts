import { describe, expect, it } from 'vitest'
import { sipWsSource } from '../../electron/platform/http/security-headers'

/** The SIP WebSocket URL as it goes into connect-src: a valid CSP source, nothing more. */
describe('sipWsSource', () => {
  it('keeps scheme, host, port and path', () => {
    expect(sipWsSource('wss://sip.example.com:8443/ws')).toBe('wss://sip.example.com:8443/ws')
    expect(sipWsSource('ws://127.0.0.1:8781')).toBe('ws://127.0.0.1:8781/')
  })

  it('drops the query and fragment, which a source expression cannot carry', () => {
    expect(sipWsSource('wss://sip.example.com/ws?transport=ws#x')).toBe('wss://sip.example.com/ws')
  })

  it('percent-encodes ; and , which would end the directive or the policy', () => {
    expect(sipWsSource('wss://sip.example.com/a;b,c')).toBe('wss://sip.example.com/a%3Bb%2Cc')
  })

  it('gives nothing for a URL that does not parse or is not a WebSocket', () => {
    expect(sipWsSource('not a url')).toBeUndefined()
    expect(sipWsSource('https://sip.example.com/')).toBeUndefined()
  })
})
