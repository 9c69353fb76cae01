import http from 'node:http'
import { RPC_KEY_HEADER } from './kamailio-config'

/** An error answer from Kamailio's JSON-RPC (as opposed to a transport failure). */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
    this.name = 'RpcError'
  }
}

type Param = string | number

/**
 * A small JSON-RPC 2.0 client for Kamailio's jsonrpcs module over HTTP, on the
 * loopback-only RPC listener of deploy/kamailio/kamailio.cfg.template, which
 * answers only requests that carry the key and no Origin, as application/json.
 *
 * node:http with a fresh connection per call rather than fetch: Kamailio
 * closes the connection after each reply (set_reply_close), and a pooled
 * keep-alive socket closed under our feet would turn into a spurious error.
 */
export class KamailioRpc {
  private nextId = 1

  constructor(
    readonly port: number,
    private readonly key: string,
    readonly host = '127.0.0.1',
    private readonly timeoutMs = 2000,
  ) {}

  call<T = unknown>(method: string, ...params: Param[]): Promise<T> {
    const payload = JSON.stringify({ jsonrpc: '2.0', method, params, id: this.nextId++ })
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          path: '/RPC',
          method: 'POST',
          agent: false,
          timeout: this.timeoutMs,
          headers: {
            'content-type': 'application/json',
            [RPC_KEY_HEADER]: this.key,
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (text += chunk))
          res.on('end', () => {
            try {
              const body = JSON.parse(text) as {
                result?: T
                error?: { code: number; message: string }
              }
              if (body.error)
                reject(new RpcError(body.error.code, `${method}: ${body.error.message}`))
              else resolve(body.result as T)
            } catch {
              reject(new Error(`${method}: HTTP ${res.statusCode ?? '?'}, not JSON-RPC: ${text}`))
            }
          })
          res.on('error', reject)
        },
      )
      req.on('timeout', () =>
        req.destroy(new Error(`${method}: no answer in ${this.timeoutMs} ms`)),
      )
      req.on('error', reject)
      req.end(payload)
    })
  }
}

/** Kamailio reports "no such key / AOR" as an error; here it just means "nothing there". */
function isNotFound(err: unknown): boolean {
  return err instanceof RpcError && /doesn't exist|not found|no contacts/i.test(err.message)
}

/** One htable item's value, or null when the key is not there. */
export async function htableValue(
  rpc: KamailioRpc,
  table: string,
  key: string,
): Promise<string | null> {
  try {
    const res = await rpc.call<{ item?: { value?: unknown } }>('htable.get', table, key)
    return res.item?.value === undefined ? null : String(res.item.value)
  } catch (err) {
    if (isNotFound(err)) return null
    throw err
  }
}

interface UlContact {
  Contact: { Address: string; 'Call-ID': string; 'Tcpconn-Id': number }
}

export interface Kicked {
  /** Bindings removed from the location table. */
  removed: number
  /** TCP/WebSocket connections closed. */
  closed: number
}

/**
 * Removes every registration one device made, now, and closes its connection
 * so the client notices at once; its next REGISTER then fails, its
 * credentials being already gone from `subscriber`.
 *
 * usrloc keys bindings by address of record and does not record who
 * authenticated them (its per-contact attributes are not shown over RPC), so
 * the Kamailio config keeps two htables at each successful REGISTER: `devaor`
 * (device -> its AOR) and `binding` (`<AOR>/<Call-ID>` -> device). Here: the
 * AOR from `devaor`, the AOR's bindings from `ul.lookup`, and of those the ones
 * `binding` maps to this device go, with `ul.rm_contact`. Other devices of the
 * same user keep theirs. The htables, not the platform's database, are the
 * source because when a whole user is deleted, the device rows are gone first.
 */
export async function removeDeviceBindings(rpc: KamailioRpc, device: string): Promise<Kicked> {
  const kicked: Kicked = { removed: 0, closed: 0 }
  const aor = await htableValue(rpc, 'devaor', device)
  if (aor === null) return kicked
  let contacts: UlContact[] = []
  try {
    contacts =
      (await rpc.call<{ Contacts?: UlContact[] }>('ul.lookup', 'location', aor)).Contacts ?? []
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
  for (const { Contact: contact } of contacts) {
    const key = `${aor}/${contact['Call-ID']}`
    if ((await htableValue(rpc, 'binding', key)) !== device) continue
    try {
      await rpc.call('ul.rm_contact', 'location', aor, contact.Address)
      kicked.removed++
    } catch (err) {
      // Expired or dropped (lost connection) between lookup and removal: already gone.
      if (!isNotFound(err)) throw err
    }
    await rpc.call('htable.delete', 'binding', key).catch(() => undefined)
    const connection = contact['Tcpconn-Id']
    if (connection > 0) {
      // event_route[evrexec:close_connection] of the config closes the TCP connection
      // at once (a WebSocket close handshake would leave it open for seconds).
      await rpc.call('evrexec.run', 'evrexec:close_connection', String(connection))
      kicked.closed++
    }
  }
  await rpc.call('htable.delete', 'devaor', device).catch(() => undefined)
  return kicked
}
