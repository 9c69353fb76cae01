import type { z } from 'zod'
import { ApiRequestError, apiRequest, UNREACHABLE, type RequestOptions } from '../api/http'
import { adminPlatformUrl } from './platform-url'
import { useAdminSessionStore } from './stores/session'
import type { AdminSession } from '@shared/schemas/admin'
import type { appLineInputSchema } from '@shared/schemas/app-line'
import type { AuditEntry } from '@shared/schemas/audit'
import type { Device } from '@shared/schemas/devices'
import type { NumberList, NumberListQuery } from '@shared/schemas/numbers'
import type { OutboxList, OutboxStatus } from '@shared/schemas/outbox'
import type { BlockedAddressList } from '@shared/schemas/sip-blocks'
import type { DepartmentList, UserImportReport } from '@shared/schemas/user-import'
import type { User, UserInput, UserList, UserListQuery, UserPatch } from '@shared/schemas/users'

/** Every call the admin console makes to the platform, typed by the shared schemas. */

/** What `PUT …/app-line` takes: the schema's input, before defaults are applied. */
export type AppLineBody = z.input<typeof appLineInputSchema>
export type UserQuery = Partial<UserListQuery>
export interface AuditFilter {
  action?: string | null
  entityType?: string | null
  entityId?: string | null
  actor?: string | null
  before?: number | null
  limit?: number
}

/** The connected platform (platform-url.ts); the page's own origin in a browser. */
const baseUrl = () => adminPlatformUrl.value ?? ''

async function call<T>(
  method: string,
  path: string,
  options: Omit<RequestOptions, 'token'> = {},
): Promise<T> {
  const session = useAdminSessionStore()
  try {
    return await apiRequest<T>(baseUrl(), method, path, { ...options, token: session.token })
  } catch (err) {
    // A refused token means the session is over; the layout takes the admin to sign-in.
    if (err instanceof ApiRequestError && err.status === 401 && session.token) session.expire()
    throw err
  }
}

export const setupNeeded = () => call<{ needed: boolean }>('GET', '/api/admin/setup')
export const setUpFirstAdmin = (email: string, password: string) =>
  call<AdminSession>('POST', '/api/admin/setup', { body: { email, password } })
export const signIn = (email: string, password: string) =>
  call<AdminSession>('POST', '/api/admin/session', { body: { email, password } })
export const signOut = () => call<void>('DELETE', '/api/admin/session')

export const listUsers = (query: UserQuery, signal?: AbortSignal) =>
  call<UserList>('GET', '/api/admin/users', { query: { ...query }, ...(signal ? { signal } : {}) })
export const getUser = (id: number) => call<User>('GET', `/api/admin/users/${id}`)
export const createUser = (input: UserInput) =>
  call<User>('POST', '/api/admin/users', { body: input })
export const patchUser = (id: number, patch: UserPatch) =>
  call<User>('PATCH', `/api/admin/users/${id}`, { body: patch })
export const deleteUser = (id: number) => call<void>('DELETE', `/api/admin/users/${id}`)
export const listDepartments = () => call<DepartmentList>('GET', '/api/admin/departments')

export const saveAppLine = (id: number, line: AppLineBody) =>
  call<User>('PUT', `/api/admin/users/${id}/app-line`, { body: line })
export const nextInternalNumber = () =>
  call<{ internalNumber: string }>('GET', '/api/admin/internal-numbers/next')
export const sendInvitation = (id: number) =>
  call<User>('POST', `/api/admin/users/${id}/invitations`)

export const listDevices = (userId: number) =>
  call<{ items: Device[] }>('GET', `/api/admin/users/${userId}/devices`)
export const revokeDevice = (id: number) => call<Device>('DELETE', `/api/admin/devices/${id}`)

export type NumberQuery = Partial<Omit<NumberListQuery, 'free'>> & { free?: boolean }
export const listNumbers = (query: NumberQuery = {}, signal?: AbortSignal) =>
  call<NumberList>('GET', '/api/admin/numbers', {
    query: { ...query },
    ...(signal ? { signal } : {}),
  })
export const addNumbers = (numbers: string[]) =>
  call<{ added: string[]; alreadyPresent: string[] }>('POST', '/api/admin/numbers', {
    body: { numbers },
  })
export const releaseNumbers = (numbers: string[]) =>
  call<{ removed: string[] }>('DELETE', '/api/admin/numbers', { body: { numbers } })

export const listAudit = (filter: AuditFilter) =>
  call<{ items: AuditEntry[] }>('GET', '/api/admin/audit', { query: { ...filter } })

export const outboxStatus = () => call<OutboxStatus>('GET', '/api/admin/outbox/status')
export const listOutbox = () => call<OutboxList>('GET', '/api/admin/outbox')

export const listBlockedAddresses = () => call<BlockedAddressList>('GET', '/api/admin/sip/blocked')
export const unblockAddress = (address: string) =>
  call<void>('DELETE', `/api/admin/sip/blocked/${encodeURIComponent(address)}`)

export const importUsers = (csv: string, dryRun: boolean) =>
  call<UserImportReport>('POST', '/api/admin/users/import', { body: { csv, dryRun } })

/** The users CSV as a file: fetched with the token (a plain link could not carry it). */
export async function downloadUsersCsv(): Promise<{ blob: Blob; filename: string }> {
  const session = useAdminSessionStore()
  let response: Response
  try {
    response = await fetch(new URL(`${baseUrl()}/api/admin/users/export.csv`, location.origin), {
      headers: { authorization: `Bearer ${session.token ?? ''}` },
    })
  } catch {
    throw new ApiRequestError(0, UNREACHABLE)
  }
  if (!response.ok) {
    if (response.status === 401) session.expire()
    const error = (await response.json().catch(() => ({}))) as { message?: string }
    throw new ApiRequestError(
      response.status,
      error.message ?? `Export failed (${response.status})`,
    )
  }
  const disposition = response.headers.get('content-disposition') ?? ''
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'users.csv'
  return { blob: await response.blob(), filename }
}
