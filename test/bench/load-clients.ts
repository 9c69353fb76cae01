import http from 'node:http'

/**
 * Closed-loop HTTP clients for the load bench: each sends a request, waits
 * for the answer, records its latency and sends the next, until the deadline.
 * Plain `node:http` with keep-alive, which costs the client process less CPU
 * per request than `fetch` and so leaves more of the machine to the server.
 */

export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  /** The status an answer must have to count as a success. */
  expect: number
}

export interface ClientGroup {
  clients: number
  /** The request a client sends on its `n`-th turn (n counts over the whole group). */
  request(n: number): LoadRequest
  /** Called with each successful answer's parsed body, e.g. to remember created ids. */
  onSuccess?(body: unknown): void
}

export interface GroupResult {
  /** Latency of each successful request, ms. */
  latencies: number[]
  failures: number
  /** The first few failures, to say what went wrong. */
  failureExamples: string[]
}

interface Response {
  status: number
  text: string
}

const MAX_EXAMPLES = 3

/** Only loopback: the load must never leave the machine. */
function checkLoopback(base: URL): void {
  if (base.hostname !== '127.0.0.1')
    throw new Error(`load targets 127.0.0.1 only, not ${base.host}`)
}

function send(agent: http.Agent, base: URL, token: string, req: LoadRequest): Promise<Response> {
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body)
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (payload !== undefined) {
    headers['content-type'] = 'application/json'
    headers['content-length'] = String(Buffer.byteLength(payload))
  }
  return new Promise((resolve, reject) => {
    const r = http.request(
      { agent, host: base.hostname, port: base.port, method: req.method, path: req.path, headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    r.on('error', reject)
    r.end(payload)
  })
}

/**
 * Runs every group's clients at once against `baseUrl` for `durationMs`, then
 * waits for the requests in flight (so every acknowledged write is counted).
 */
export async function runClients<K extends string>(
  baseUrl: string,
  token: string,
  groups: Record<K, ClientGroup>,
  durationMs: number,
): Promise<Record<K, GroupResult>> {
  const base = new URL(baseUrl)
  checkLoopback(base)
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })
  const deadline = performance.now() + durationMs
  const names = Object.keys(groups) as K[]
  const results = Object.fromEntries(
    names.map((n) => [n, { latencies: [], failures: 0, failureExamples: [] } as GroupResult]),
  ) as Record<K, GroupResult>

  const client = async (name: K, counter: { n: number }) => {
    const group = groups[name]
    const result = results[name]
    while (performance.now() < deadline) {
      const req = group.request(counter.n++)
      const start = performance.now()
      let problem: string | undefined
      try {
        const res = await send(agent, base, token, req)
        if (res.status === req.expect) {
          result.latencies.push(performance.now() - start)
          group.onSuccess?.(res.text ? JSON.parse(res.text) : undefined)
        } else problem = `${req.method} ${req.path}: HTTP ${res.status} ${res.text.slice(0, 200)}`
      } catch (err) {
        problem = `${req.method} ${req.path}: ${String(err)}`
      }
      if (problem !== undefined) {
        result.failures++
        if (result.failureExamples.length < MAX_EXAMPLES) result.failureExamples.push(problem)
      }
    }
  }

  try {
    await Promise.all(
      names.flatMap((name) => {
        const counter = { n: 0 }
        return Array.from({ length: groups[name].clients }, () => client(name, counter))
      }),
    )
  } finally {
    agent.destroy()
  }
  return results
}
