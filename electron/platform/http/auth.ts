import type { FastifyRequest } from 'fastify'
import type { PlatformContext } from '../context'
import { authenticateAdmin } from '../admins/service'
import { authenticateDevice } from '../activation/me'
import type { DeviceRow } from '../devices/repository'

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  return match?.[1]
}

/** The signed-in admin's email, used as the audit actor; throws 401 otherwise. */
export async function requireAdmin(ctx: PlatformContext, request: FastifyRequest): Promise<string> {
  return (await authenticateAdmin(ctx, bearerToken(request))).email
}

export function requireDevice(ctx: PlatformContext, request: FastifyRequest): Promise<DeviceRow> {
  return authenticateDevice(ctx, bearerToken(request))
}

/** The key failed attempts are counted under: the client's address. */
export function clientKey(request: FastifyRequest): string {
  return request.ip
}
