import type { AuditEntry } from '@shared/schemas/audit'
import { formatDateTime } from './format'

/** The audit log in words: what each action means and what changed. */

export const ACTION_LABELS: Record<string, string> = {
  'admin.create': 'Admin created',
  'user.create': 'User created',
  'user.update': 'User edited',
  'user.delete': 'User deleted',
  'user.import': 'Users imported',
  'app_line.create': 'App configuration created',
  'app_line.update': 'App configuration changed',
  'invitation.create': 'Invitation created',
  'invitation.sent': 'Invitation sent',
  'invitation.failed': 'Invitation failed',
  'invitation.revoke': 'Invitation replaced',
  'invitation.use': 'Invitation used',
  'invitation.abandoned': 'Invitation abandoned',
  'device.activate': 'Device activated',
  'device.replace': 'Device replaced',
  'device.revoke': 'Device revoked',
  'number.add': 'Number added',
  'number.remove': 'Number released',
}

export const ENTITY_LABELS: Record<string, string> = {
  user: 'User',
  app_line: 'App configuration',
  invitation: 'Invitation',
  device: 'Device',
  number: 'Number',
  admin: 'Admin',
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action
}

export function subject(entry: AuditEntry): string {
  const type = ENTITY_LABELS[entry.entityType] ?? entry.entityType
  if (entry.entityId === null) return type
  return entry.entityType === 'number' ? entry.entityId : `${type} #${entry.entityId}`
}

/** Field names as the forms label them. */
const FIELD_LABELS: Record<string, string> = {
  firstName: 'First Name',
  lastName: 'Last Name',
  department: 'Department',
  jobTitle: 'Job Title',
  email: 'Email',
  didNumber: 'DID Number',
  internalNumber: 'Internal number',
  externalOutbound: 'External Outbound Calls',
  callerIds: 'Caller IDs',
  defaultCallerId: 'Default caller ID',
  recording: 'Call Recording',
  inboundInternal: 'Inbound Internal',
  inboundExternal: 'Inbound External',
  outboundInternal: 'Outbound Internal',
  outboundExternal: 'Outbound External',
  expiresAt: 'Expires',
  userId: 'User',
  status: 'Status',
  reason: 'Reason',
  attempts: 'Attempts',
  name: 'Name',
  platform: 'OS',
  number: 'Number',
  created: 'Created',
}

const label = (key: string) => FIELD_LABELS[key] ?? key
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (value === true) return 'yes'
  if (value === false) return 'no'
  if (Array.isArray(value)) return value.length ? value.map(show).join(', ') : '—'
  if (typeof value === 'object') {
    // The recording switches: name the ones that are on.
    const on = Object.entries(value).filter(([, v]) => v === true)
    return on.length ? on.map(([k]) => label(k)).join(', ') : 'none'
  }
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatDateTime(value)
  return String(value)
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const MAX = 240

/** `email: a@x → b@x; department: — → Sales` for changes, `key: value` for creations. */
export function details(entry: AuditEntry): string {
  const { before, after } = entry
  let parts: string[]
  if (isRecord(before) && isRecord(after)) {
    parts = Object.keys({ ...before, ...after })
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => `${label(k)}: ${show(before[k])} → ${show(after[k])}`)
  } else {
    const state = isRecord(after) ? after : isRecord(before) ? before : {}
    parts = Object.entries(state)
      .filter(([, v]) => v !== '' && v !== null && v !== false)
      .map(([k, v]) => `${label(k)}: ${show(v)}`)
  }
  const text = parts.join('; ')
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text
}
