import { createHash, randomBytes } from 'node:crypto'
import dgram from 'node:dgram'

/**
 * SIP over UDP written out by hand, for the attacks sipp cannot script: a
 * captured Authorization header sent again, requests from another loopback
 * address, floods. Every request goes from one socket bound to `localAddress`.
 */
export class RawSipClient {
  private readonly socket = dgram.createSocket('udp4')
  private readonly waiting = new Map<string, (reply: SipReply) => void>()
  private port = 0

  private constructor(
    readonly localAddress: string,
    private readonly target: { host: string; port: number },
  ) {
    this.socket.on('message', (buf) => {
      const reply = parseReply(buf.toString())
      if (!reply || reply.status < 200) return
      const key = `${reply.headers['call-id']}/${reply.headers.cseq}`
      this.waiting.get(key)?.(reply)
      this.waiting.delete(key)
    })
  }

  static async open(localAddress: string, targetPort: number): Promise<RawSipClient> {
    const client = new RawSipClient(localAddress, { host: '127.0.0.1', port: targetPort })
    await new Promise<void>((resolve) => client.socket.bind(0, localAddress, resolve))
    client.port = client.socket.address().port
    return client
  }

  /** Sends a REGISTER; resolves with its final reply, or undefined after `timeoutMs` of silence. */
  register(opts: {
    aor: string
    domain: string
    callId?: string
    cseq?: number
    authorization?: string
    timeoutMs?: number
  }): Promise<SipReply | undefined> {
    const callId = opts.callId ?? randomBytes(8).toString('hex')
    const cseq = opts.cseq ?? 1
    const branch = `z9hG4bK${randomBytes(6).toString('hex')}`
    const lines = [
      `REGISTER sip:${opts.domain} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.localAddress}:${this.port};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: <sip:${opts.aor}@${opts.domain}>;tag=${randomBytes(4).toString('hex')}`,
      `To: <sip:${opts.aor}@${opts.domain}>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} REGISTER`,
      `Contact: <sip:${opts.aor}@${this.localAddress}:${this.port}>`,
      'Expires: 600',
      ...(opts.authorization ? [`Authorization: ${opts.authorization}`] : []),
      'Content-Length: 0',
      '',
      '',
    ]
    const key = `${callId}/${cseq} REGISTER`
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key)
        resolve(undefined)
      }, opts.timeoutMs ?? 1000)
      this.waiting.set(key, (reply) => {
        clearTimeout(timer)
        resolve(reply)
      })
      this.socket.send(lines.join('\r\n'), this.target.port, this.target.host)
    })
  }

  close(): void {
    this.socket.close()
  }
}

export interface SipReply {
  status: number
  /** Lower-case names; the first value of each. */
  headers: Record<string, string>
}

function parseReply(text: string): SipReply | undefined {
  const [first, ...rest] = text.split('\r\n\r\n')[0]!.split('\r\n')
  const m = /^SIP\/2\.0 (\d{3}) /.exec(first ?? '')
  if (!m) return undefined
  const headers: Record<string, string> = {}
  for (const line of rest) {
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim().toLowerCase()
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim()
  }
  return { status: Number(m[1]), headers }
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex')

/** The Authorization header answering a `WWW-Authenticate` challenge (qop=auth when offered). */
export function digestAuthorization(opts: {
  challenge: string
  username: string
  password: string
  method: string
  uri: string
  nc?: number
}): string {
  const param = (name: string) =>
    new RegExp(`${name}="?([^",]+)"?`, 'i').exec(opts.challenge)?.[1] ?? ''
  const realm = param('realm')
  const nonce = param('nonce')
  const qop = /qop="?[^"]*\bauth\b/i.test(opts.challenge) ? 'auth' : ''
  const ha1 = md5(`${opts.username}:${realm}:${opts.password}`)
  const ha2 = md5(`${opts.method}:${opts.uri}`)
  const nc = (opts.nc ?? 1).toString(16).padStart(8, '0')
  const cnonce = randomBytes(8).toString('hex')
  const response = qop
    ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
    : md5(`${ha1}:${nonce}:${ha2}`)
  const fields = [
    `username="${opts.username}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${opts.uri}"`,
    `response="${response}"`,
    'algorithm=MD5',
    ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`] : []),
  ]
  return `Digest ${fields.join(', ')}`
}
