import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { App } from 'electron'
import { buildActivationLink } from '@shared/activation-code'
import { linkFromArgv, parseAppLink, routeForLink } from '../../electron/main/links/app-links'
import { installLinkRouting } from '../../electron/main/links/link-routing'

const ACTIVATION = buildActivationLink('https://pbx.example.com', 'K7QF-3M9X-PW2D')

/** An Electron `app` with the single-instance lock and events, nothing else. */
function fakeApp(hasLock = true) {
  const events = new EventEmitter()
  let quit = false
  const app = {
    requestSingleInstanceLock: () => hasLock,
    quit: () => void (quit = true),
    on: (name: string, listener: (...args: unknown[]) => void) => events.on(name, listener),
  }
  return {
    app: app as unknown as Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
    events,
    quitted: () => quit,
  }
}

describe('app links (electron/main/links)', () => {
  it('reads activation and call links, and nothing else', () => {
    expect(parseAppLink(ACTIVATION)).toEqual({ kind: 'activate', link: ACTIVATION })
    expect(parseAppLink('tel:+45 20 30 40 50')).toEqual({
      kind: 'call',
      target: 'tel:+45 20 30 40 50',
    })
    expect(parseAppLink('SIP:101@pbx.example.com')).toEqual({
      kind: 'call',
      target: 'SIP:101@pbx.example.com',
    })
    expect(parseAppLink('callto:+4520304050')).toEqual({
      kind: 'call',
      target: 'callto:+4520304050',
    })
    for (const bad of [
      'tel:',
      'https://evil.example',
      'phonesystems://activate?code=K7QF3M9XPW2D',
      'phonesystems://settings',
      'file:///etc/passwd',
      '',
      '--flag',
    ]) {
      expect(parseAppLink(bad), bad).toBeNull()
    }
  })

  it('finds the link among launch arguments, skipping switches and the app path', () => {
    expect(linkFromArgv(['/opt/phone.systems/phone-systems', '--no-sandbox', ACTIVATION])).toEqual({
      kind: 'activate',
      link: ACTIVATION,
    })
    expect(
      linkFromArgv(['C:\\\\phone.systems.exe', '--allow-file-access-from-files', 'tel:101']),
    ).toEqual({
      kind: 'call',
      target: 'tel:101',
    })
    expect(linkFromArgv(['/usr/bin/phone-systems', '--enable-features=x'])).toBeNull()
  })

  it('routes an activation to the code screen with the link, a call to the dialer', () => {
    expect(routeForLink({ kind: 'activate', link: ACTIVATION })).toBe(
      `/code?link=${encodeURIComponent(ACTIVATION)}`,
    )
    expect(routeForLink({ kind: 'call', target: 'tel:+4520304050' })).toBe(
      '/?call=tel%3A%2B4520304050',
    )
  })
})

describe('single instance and link routing', () => {
  it('a second instance quits without routing anything', () => {
    const { app, quitted } = fakeApp(false)
    const opened: string[] = []
    const routing = installLinkRouting({
      app,
      argv: ['x', ACTIVATION],
      open: (r) => opened.push(r),
      focus: () => undefined,
    })
    expect(routing.primary).toBe(false)
    expect(quitted()).toBe(true)
    expect(opened).toEqual([])
  })

  it('opens the cold-start link with the window, then each later link; a launch without a link focuses', () => {
    const { app, events } = fakeApp()
    const opened: string[] = []
    let focused = 0
    const routing = installLinkRouting({
      app,
      argv: ['/usr/bin/phone-systems', 'tel:101'],
      open: (r) => opened.push(r),
      focus: () => void focused++,
    })
    expect(routing.primary).toBe(true)
    // macOS: a link before the window exists replaces the cold start's.
    events.emit('will-finish-launching')
    let prevented = false
    events.emit('open-url', { preventDefault: () => void (prevented = true) }, ACTIVATION)
    expect(prevented).toBe(true)
    expect(opened).toEqual([])
    expect(routing.takeInitialRoute()).toBe(`/code?link=${encodeURIComponent(ACTIVATION)}`)

    events.emit('second-instance', {}, ['/usr/bin/phone-systems', 'sip:102@pbx.example.com'])
    expect(opened).toEqual(['/?call=sip%3A102%40pbx.example.com'])
    events.emit('second-instance', {}, ['/usr/bin/phone-systems'])
    expect(focused).toBe(1)
    events.emit('open-url', { preventDefault: () => undefined }, 'https://evil.example')
    expect(focused).toBe(2)
    expect(opened).toHaveLength(1)
  })
})
