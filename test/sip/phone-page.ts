import type { Page } from '@playwright/test'
import type { Device } from './helpers'
import type { SipCredentials } from '@shared/schemas/activation'

type HarnessFn = (...args: unknown[]) => unknown

/**
 * A softphone in a browser page: typed calls into `window.harness`, which
 * drives `renderer/src/sip` in Chromium with a fake microphone.
 */
export class Phone {
  constructor(
    readonly page: Page,
    readonly device: Device,
    readonly credentials: SipCredentials,
  ) {}

  private run<T>(fn: string, ...args: unknown[]): Promise<T> {
    return this.page.evaluate(
      ({ fn, args }) =>
        (globalThis as unknown as { harness: Record<string, HarnessFn> }).harness[fn]!(
          ...args,
        ) as T,
      { fn, args },
    )
  }

  register = (options: { autoAnswer?: boolean } = {}) =>
    this.run<void>('register', this.credentials, options)
  state = () => this.run<{ kind: string; reason?: string } | undefined>('state')
  states = () => this.run<string[]>('states')
  call = (target: string, callerId?: string) => this.run<number>('call', target, callerId)
  timedCall = (target: string) =>
    this.run<{ confirmedMs: number; inviteSentAt: number }>('timedCall', target)
  callState = (index?: number) => this.run<string | undefined>('callState', index)
  callEnd = (index?: number) =>
    this.run<{ by: string; cause: string; statusCode?: number } | undefined>('callEnd', index)
  callCount = () => this.run<number>('callCount')
  incomingCount = () => this.run<number>('incomingCount')
  remoteNumber = (index?: number) => this.run<string>('remoteNumber', index)
  waitForCallState = (state: string, index?: number, timeoutMs = 10_000) =>
    this.run<void>('waitForCallState', state, index, timeoutMs)
  waitForIncoming = (count = 1, timeoutMs = 10_000) =>
    this.run<void>('waitForIncoming', count, timeoutMs)
  answer = (index?: number) => this.run<void>('answer', index)
  answerWaiting = () => this.run<void>('answerWaiting')
  decline = (index?: number) => this.run<void>('decline', index)
  hangup = (index?: number) => this.run<void>('hangup', index)
  hold = (index?: number) => this.run<void>('hold', index)
  resume = (index?: number) => this.run<void>('resume', index)
  sendDtmf = (digits: string) => this.run<void>('sendDtmf', digits)
  mute = (muted: boolean) => this.run<void>('mute', muted)
  micSilenced = () => this.run<boolean>('micSilenced')
  transfer = (target: string) => this.run<void>('transfer', target)
  receivedDtmf = () => this.run<string>('receivedDtmf')
  inboundAudioBytes = (index?: number) => this.run<number>('inboundAudioBytes', index)
  timings = () => this.run<Record<string, number>>('timings')
  recover = (reason: string) => this.run<void>('recover', reason)
  stop = () => this.run<void>('stop')
  /** A plain JsSIP UA with these credentials; resolves with its registration time in ms. */
  bareRegister = () => this.run<number>('bareRegister', this.credentials)
  bareTimedCall = (target: string) =>
    this.run<{ confirmedMs: number; inviteSentAt: number }>('bareTimedCall', target)

  /** Places a call and has `callee` answer it; resolves when both sides are active. */
  async connectTo(callee: Phone, target: string): Promise<void> {
    const ringing = (await callee.incomingCount()) + 1
    await this.call(target)
    await callee.waitForIncoming(ringing)
    await callee.answer()
    await this.waitForCallState('active')
    await callee.waitForCallState('active')
  }

  /** Waits until the call's inbound audio byte count grows past `above`. */
  async waitForAudio(index?: number, above = 0, timeoutMs = 5_000): Promise<number> {
    const start = Date.now()
    for (;;) {
      const bytes = await this.inboundAudioBytes(index)
      if (bytes > above) return bytes
      if (Date.now() - start > timeoutMs) {
        throw new Error(`no audio on ${this.device.name}: ${bytes} bytes after ${timeoutMs} ms`)
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
