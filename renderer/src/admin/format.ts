import type { Invitation } from '@shared/schemas/invitations'
import type { User, UserStatus } from '@shared/schemas/users'
import { ApiRequestError } from '../api/http'

/** How the console words things: dates, statuses, people, errors. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—'
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
]

/** "3 hours ago": what admins scan a Last seen column for. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'Never'
  const seconds = (Date.parse(iso) - now) / 1000
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit)
  }
  return 'Just now'
}

/** The Status column's words (DESIGN.md §6 and the issue). */
export function statusText(user: Pick<User, 'status' | 'activeDevices'>): string {
  const texts: Record<UserStatus, string> = {
    not_invited: 'Not invited',
    invited: 'Invited',
    invitation_failed: 'Invitation failed',
    active: `Active on ${user.activeDevices} ${user.activeDevices === 1 ? 'device' : 'devices'}`,
  }
  return texts[user.status]
}

export function fullName(user: Pick<User, 'firstName' | 'lastName'>): string {
  return `${user.firstName} ${user.lastName}`.trim()
}

/** The name, or the email for a user created with an email only. */
export function displayName(user: Pick<User, 'firstName' | 'lastName' | 'email'>): string {
  return fullName(user) || user.email
}

const OS_NAMES: Record<string, string> = {
  win32: 'Windows',
  darwin: 'macOS',
  linux: 'Linux',
  ios: 'iOS',
  android: 'Android',
}

export function osName(platform: string): string {
  return OS_NAMES[platform.toLowerCase()] ?? platform
}

/** What the current authentication code of a user is doing, in one sentence. */
export function invitationSummary(invitation: Invitation | null): string {
  if (!invitation) return 'No invitation has been sent yet.'
  const expires = formatDateTime(invitation.expiresAt)
  switch (invitation.status) {
    case 'pending':
    case 'sent':
      return `The current code expires on ${expires}.`
    case 'failed':
      return `The last invitation could not be sent (${invitation.failureReason ?? 'unknown reason'}). Its code expires on ${expires}.`
    case 'used':
      return 'The last code was used to activate a device.'
    case 'expired':
      return `The last code expired on ${expires}.`
    case 'revoked':
      return 'The last code was replaced by a newer one.'
  }
}

/** A failed call as one sentence for a notice; the platform's message names field and reason. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message
  return err instanceof Error ? err.message : String(err)
}

/** True for the AbortError of a superseded request: not an error to show. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError'
}
