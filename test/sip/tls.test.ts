import { mkdtemp, rm, stat } from 'node:fs/promises'
import https from 'node:https'
import os from 'node:os'
import path from 'node:path'
import tls from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HSTS_MAX_AGE_SECONDS } from '../../electron/platform/http/security-headers'
import { makeTestCertificates, type TestCertificates } from '../fixtures/tls'
import { httpsRequest } from '../fixtures/platform'
import {
  DOMAIN,
  activateDevice,
  bindings,
  createUser,
  startJsSipClient,
  startSipTestBed,
  stopAllJsSipClients,
  within,
  type Device,
  type SipTestBed,
} from './helpers'

interface UlContactDetails {
  Contact: { Address: string; Socket: string }
}

/** A TLS handshake with `port` that trusts nothing but `ca` (undefined: the system's CAs). */
function handshake(port: number, ca: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ...(ca ? { ca } : {}) }, () => {
      socket.end()
      resolve(String(socket.getPeerCertificate().subject.CN))
    })
    socket.once('error', reject)
  })
}

/**
 * The production transport: the platform started with a certificate from a CA made
 * in the test serves HTTPS on its HTTP port and WSS on the SIP WebSocket port, hands
 * devices https:// and wss:// addresses, and a softphone registers over wss://.
 */
describe('HTTPS and WSS with a certificate from a local CA', () => {
  let certDir: string
  let certs: TestCertificates
  let bed: SipTestBed
  let ada: Device

  beforeAll(async () => {
    certDir = await mkdtemp(path.join(os.tmpdir(), 'phone-systems-tls-'))
    certs = await makeTestCertificates(certDir)
    bed = await startSipTestBed(
      {
        PHONE_SYSTEMS_TLS_CERT: certs.certFile,
        PHONE_SYSTEMS_TLS_KEY: certs.keyFile,
        // Unset (empty counts as unset): the URL handed to devices is the default one.
        PHONE_SYSTEMS_SIP_WS_URL: '',
      },
      {},
      { ca: certs.ca },
    )
    const adaId = await createUser(bed, 'ada@example.test', {})
    ada = await activateDevice(bed, adaId, 'ada@example.test', 'ada-laptop')
  })

  afterAll(async () => {
    stopAllJsSipClients()
    await bed?.dispose()
    if (certDir) await rm(certDir, { recursive: true, force: true })
  })

  it('serves the API over HTTPS to a client that trusts the CA', async () => {
    expect(bed.platform.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const res = await httpsRequest(`${bed.platform.url}/api/health`, { ca: certs.ca })
    expect(res.status).toBe(200)
    // Served over TLS by the platform itself: browsers are told to stay on https.
    expect(res.headers.get('strict-transport-security')).toBe(`max-age=${HSTS_MAX_AGE_SECONDS}`)
  })

  it('does not answer plain HTTP on that port', async () => {
    const plain = bed.platform.url.replace(/^https:/, 'http:')
    await expect(fetch(`${plain}/api/health`)).rejects.toThrow()
  })

  it('is refused by a client that does not trust the CA', async () => {
    const refused = new Promise<NodeJS.ErrnoException>((resolve, reject) => {
      https
        .get(`${bed.platform.url}/api/health`, () => reject(new Error('answered')))
        .once('error', resolve)
    })
    // The server sends its own certificate only, signed by a CA the client does not know.
    expect((await refused).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
    await expect(handshake(bed.ports.ws, undefined)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    })
  })

  it('hands devices the https:// public URL and the wss:// SIP address', async () => {
    expect(bed.platform.ctx.config.publicUrl).toBe(bed.platform.url)
    expect(ada.wsUri).toBe(`wss://${DOMAIN}:${bed.ports.ws}`)
    const invitation = bed.smtp.messages.find((m) => JSON.stringify(m.to).includes('ada@'))
    expect(invitation?.text).toContain(`${bed.platform.url}/`)
    // An https:// public URL: nothing to warn about.
    expect(bed.platform.insecurePublicUrl).toBeUndefined()
  })

  it('presents the same certificate on the SIP WebSocket port, from a tls.cfg only its owner reads', async () => {
    expect(await handshake(bed.ports.ws, certs.ca)).toBe('localhost')
    const tlsCfg = await stat(path.join(bed.platform.dataDir, 'kamailio', 'tls.cfg'))
    expect(tlsCfg.mode & 0o777).toBe(0o600)
  })

  it('registers a softphone (JsSIP) over wss:// when it trusts the CA', async () => {
    // sip.example.test does not resolve: the same port on loopback, where the
    // certificate names 127.0.0.1.
    const wsUri = ada.wsUri.replace(DOMAIN, '127.0.0.1')
    const phone = startJsSipClient(bed, ada, { wsUri, trustCaFile: certs.caFile })
    await phone.waitFor('registered')
    const res = await bed.rpc.call<{ Contacts?: UlContactDetails[] }>(
      'ul.lookup',
      'location',
      ada.aor,
    )
    expect(res.Contacts).toHaveLength(1)
    // Kamailio received the REGISTER on its TLS listener.
    expect(res.Contacts![0]!.Contact.Socket).toBe(`tls:127.0.0.1:${bed.ports.ws}`)
    await phone.stop()
    await within(3000, async () => (await bindings(bed.rpc, ada.aor)).length === 0)
  })

  it('does not register a softphone that does not trust the CA, nor one speaking plain ws://', async () => {
    const untrusting = startJsSipClient(bed, ada, { wsUri: `wss://127.0.0.1:${bed.ports.ws}` })
    const plain = startJsSipClient(bed, ada, { wsUri: `ws://127.0.0.1:${bed.ports.ws}` })
    // Neither gets a WebSocket: the first refuses the certificate, the TLS listener
    // does not speak plain HTTP to the second.
    await untrusting.waitFor('socketError')
    await plain.waitFor('socketError')
    for (const phone of [untrusting, plain]) {
      const events = phone.events.map((e) => e.event)
      expect(events).not.toContain('connected')
      expect(events).not.toContain('registered')
    }
    expect(await bindings(bed.rpc, ada.aor)).toEqual([])
    await untrusting.stop()
    await plain.stop()
  })
})
