import { vi } from 'vitest'

/** What the fake platform answers: a status and a JSON body (a string is sent as is). */
export interface Answer {
  status: number
  statusText?: string
  body?: unknown
}

export interface SentRequest {
  method: string
  url: URL
  headers: Record<string, string>
  body: unknown
}

/**
 * Replaces `fetch` with a platform that answers as `answer` says, and keeps
 * every request it was sent. `answer` may throw to play an unreachable host.
 */
export function fakePlatform(answer: (request: SentRequest) => Answer | Promise<Answer>) {
  const sent: SentRequest[] = []
  const fetch = vi.fn(async (input: URL | string, init: RequestInit = {}) => {
    const request: SentRequest = {
      method: init.method ?? 'GET',
      url: new URL(String(input)),
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    sent.push(request)
    const reply = await answer(request)
    const text =
      reply.body === undefined
        ? ''
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body)
    return {
      ok: reply.status >= 200 && reply.status < 300,
      status: reply.status,
      statusText: reply.statusText ?? '',
      text: async () => text,
    }
  })
  vi.stubGlobal('fetch', fetch)
  return { sent, fetch }
}

/** fetch's own failure when the host cannot be reached. */
export function unreachable(): never {
  throw new TypeError('Failed to fetch')
}
