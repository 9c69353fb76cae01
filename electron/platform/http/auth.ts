import type { FastifyRequest } from 'fastify'

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return match?.[1]
}

/** The key failed attempts are counted under: the client's address. */
export function clientKey(request: FastifyRequest): string {
  return request.ip
}
