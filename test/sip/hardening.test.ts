import { readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DESKTOP_APP_ORIGIN } from '@shared/desktop-origin'
import { SIP_BLOCKING } from '../../electron/platform/sip/blocking-limits'
import { RPC_KEY_HEADER } from '../../electron/platform/sip/kamailio-config'
import { stopAllSipp } from '../fixtures/sipp'
import {
  DOMAIN,
  activateDevice,
  createUser,
  startSipTestBed,
  type Device,
  type SipTestBed,
} from './helpers'
import { RawSipClient, digestAuthorization, type SipReply } from './raw-sip'

/** An HTTP request to a loopback port with exactly these headers; the status or the error. */
function rawRequest(
  port: number,
  method: string,
  headers: Record<string, string>,
  body = '',
): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: method === 'GET' ? '/' : '/RPC',
        method,
        headers,
        agent: false,
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    // A WebSocket handshake that succeeds answers 101 and leaves the socket open.
    req.on('upgrade', (res, socket) => {
      socket.destroy()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', (err) => resolve(String(err)))
    req.end(body)
  })
}

function webSocketHandshake(port: number, origin?: string): Promise<number | string> {
  return rawRequest(port, 'GET', {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Protocol': 'sip',
    ...(origin ? { Origin: origin } : {}),
  })
}

/** REGISTER with digest auth: the challenge, then the answer. Returns the reply and the header sent. */
async function authenticatedRegister(
  client: RawSipClient,
  device: Device,
  password = device.password,
): Promise<{ reply: SipReply | undefined; authorization: string | undefined }> {
  const callId = `reg-${Math.random().toString(36).slice(2)}`
  const challenge = await client.register({ aor: device.aor, domain: DOMAIN, callId })
  if (challenge?.status !== 401) return { reply: challenge, authorization: undefined }
  const authorization = digestAuthorization({
    challenge: challenge.headers['www-authenticate']!,
    username: device.authUser,
    password,
    method: 'REGISTER',
    uri: `sip:${DOMAIN}`,
  })
  const reply = await client.register({
    aor: device.aor,
    domain: DOMAIN,
    callId,
    cseq: 2,
    authorization,
  })
  return { reply, authorization }
}

describe('Kamailio hardening: its control port, WebSocket origins, digest replay, flood and guessing', () => {
  let bed: SipTestBed
  let ada: Device
  const clients: RawSipClient[] = []
  const open = async (localAddress: string) => {
    const client = await RawSipClient.open(localAddress, bed.ports.sip)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    bed = await startSipTestBed()
    const adaId = await createUser(bed, 'ada@example.test', {})
    ada = await activateDevice(bed, adaId, 'ada@example.test', 'ada-desktop')
  })

  afterAll(async () => {
    for (const client of clients) client.close()
    stopAllSipp()
    await bed?.dispose()
  })

  it('answers JSON-RPC only to the platform: with its key, as JSON, from no web page', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'core.version', id: 1 })
    const key = /X-Phone-Systems-Rpc-Key\) != "([^"]+)"/.exec(
      readFileSync(path.join(bed.platform.dataDir, 'kamailio', 'kamailio.cfg'), 'utf8'),
    )![1]!
    const rpcStatus = (headers: Record<string, string>) =>
      rawRequest(bed.ports.rpc, 'POST', headers, body)
    const evil = 'https://evil.example'
    // What a web page can make a visitor's browser send without asking: no custom header.
    expect(await rpcStatus({ 'Content-Type': 'text/plain', Origin: evil })).toBe(403)
    // A local process that does not know the key.
    expect(await rpcStatus({ 'Content-Type': 'application/json' })).toBe(403)
    expect(
      await rpcStatus({ 'Content-Type': 'application/json', [RPC_KEY_HEADER]: 'x'.repeat(43) }),
    ).toBe(403)
    // The key, but from a page (a leaked key still cannot be used from a browser) or as text.
    expect(
      await rpcStatus({ 'Content-Type': 'application/json', [RPC_KEY_HEADER]: key, Origin: evil }),
    ).toBe(403)
    expect(await rpcStatus({ 'Content-Type': 'text/plain', [RPC_KEY_HEADER]: key })).toBe(403)
    // The platform's own client, which revocation uses.
    expect(await bed.rpc.call('core.version')).toMatch(/^kamailio 5\./)
    // The key lives in a config only its owner can read, in a data folder only its owner can enter.
    expect(statSync(path.join(bed.platform.dataDir, 'kamailio', 'kamailio.cfg')).mode & 0o077).toBe(
      0,
    )
    expect(statSync(bed.platform.dataDir).mode & 0o077).toBe(0)
  })

  it('refuses a WebSocket handshake from a page of a foreign origin', async () => {
    expect(await webSocketHandshake(bed.ports.ws, 'https://evil.example')).toBe(403)
    expect(await webSocketHandshake(bed.ports.ws, 'null')).toBe(403)
    // The web build's origin (the public URL), the desktop app, and native clients (no Origin).
    expect(await webSocketHandshake(bed.ports.ws, new URL(bed.platform.url).origin)).toBe(101)
    expect(await webSocketHandshake(bed.ports.ws, DESKTOP_APP_ORIGIN)).toBe(101)
    expect(await webSocketHandshake(bed.ports.ws)).toBe(101)
  })

  it('refuses a captured digest response sent again, from the same or another port', async () => {
    const device = await open('127.0.0.1')
    const { reply, authorization } = await authenticatedRegister(device, ada)
    expect(reply?.status).toBe(200)
    for (const attacker of [device, await open('127.0.0.1')]) {
      const replayed = await attacker.register({
        aor: ada.aor,
        domain: DOMAIN,
        callId: `replay-${Math.random().toString(36).slice(2)}`,
        cseq: 7,
        authorization: authorization!,
      })
      expect(replayed?.status).not.toBe(200)
      expect([401, 403]).toContain(replayed?.status)
    }
    // The device itself goes on registering with fresh challenges.
    expect((await authenticatedRegister(device, ada)).reply?.status).toBe(200)
  })

  it(`blocks an address after ${SIP_BLOCKING.authFailLimit} failed authentications; the admin sees and lifts it`, async () => {
    const guesser = await open('127.0.0.3')
    for (let i = 0; i < SIP_BLOCKING.authFailLimit; i++) {
      const { reply } = await authenticatedRegister(guesser, ada, `wrong-${i}`)
      expect(reply?.status).toBe(403)
    }
    // Blocked: no answer at all, even to the right password.
    expect((await authenticatedRegister(guesser, ada)).reply).toBeUndefined()
    // Other addresses are not affected.
    expect((await authenticatedRegister(await open('127.0.0.1'), ada)).reply?.status).toBe(200)

    const listed = await bed.admin.get('/api/admin/sip/blocked')
    expect(listed.status).toBe(200)
    expect(listed.body).toMatchObject({ available: true, blockSeconds: SIP_BLOCKING.blockSeconds })
    expect(listed.body.items).toContainEqual({
      address: '127.0.0.3',
      reason: 'authentication failures',
    })

    expect((await bed.admin.delete('/api/admin/sip/blocked/127.0.0.3')).status).toBe(204)
    expect((await authenticatedRegister(guesser, ada)).reply?.status).toBe(200)
    const again = await bed.admin.delete('/api/admin/sip/blocked/127.0.0.3')
    expect(again.status).toBe(404)
    expect(again.body.fields).toEqual([{ field: 'address', reason: 'this address is not blocked' }])
    const bad = await bed.admin.delete('/api/admin/sip/blocked/not-an-address')
    expect(bad.status).toBe(400)
    expect(bad.body.fields[0].field).toBe('address')
  })

  it('blocks an address that floods it with REGISTERs (pike), and only that address', async () => {
    const flooder = await open('127.0.0.2')
    const flood = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        flooder.register({ aor: `u${i}`, domain: DOMAIN, callId: `flood-${i}`, timeoutMs: 1500 }),
      ),
    )
    const answered = flood.filter((reply) => reply !== undefined).length
    expect(answered).toBeGreaterThan(0)
    expect(answered).toBeLessThan(200)
    // Still blocked after the flood stops.
    expect(await flooder.register({ aor: ada.aor, domain: DOMAIN })).toBeUndefined()
    expect((await authenticatedRegister(await open('127.0.0.1'), ada)).reply?.status).toBe(200)
    const listed = await bed.admin.get('/api/admin/sip/blocked')
    expect(listed.body.items).toContainEqual({ address: '127.0.0.2', reason: 'flood' })
  })

  it('lets only admins see the blocked addresses', async () => {
    const res = await fetch(`${bed.platform.url}/api/admin/sip/blocked`)
    expect(res.status).toBe(401)
  })
})
