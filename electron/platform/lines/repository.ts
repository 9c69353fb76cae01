import type { Queryable, Transaction } from '../db/connection'
import type { AppLine } from '@shared/schemas/app-line'
import { iso } from '../time'
import { conflict } from '../errors'

export interface LineRow {
  user_id: number
  did_number: string | null
  internal_number: string
  external_outbound: number
  default_caller_id: string | null
  rec_inbound_internal: number
  rec_inbound_external: number
  rec_outbound_internal: number
  rec_outbound_external: number
  created_at: number
  updated_at: number
}

/** The line as stored, written whole on every save (PUT semantics). */
export interface LineValues {
  didNumber: string | null
  internalNumber: string
  externalOutbound: boolean
  callerIds: string[]
  defaultCallerId: string | null
  recording: AppLine['recording']
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ')
}

/** Lines of the given users, keyed by user id, with their caller IDs in order. */
export async function loadLines(db: Queryable, userIds: number[]): Promise<Map<number, AppLine>> {
  const result = new Map<number, AppLine>()
  if (userIds.length === 0) return result
  const marks = placeholders(userIds.length)
  const [lines, callerIds] = await Promise.all([
    db.all<LineRow>(`SELECT * FROM app_lines WHERE user_id IN (${marks})`, userIds),
    db.all<{ user_id: number; number: string }>(
      `SELECT user_id, number FROM app_line_caller_ids WHERE user_id IN (${marks}) ORDER BY user_id, position`,
      userIds,
    ),
  ])
  const idsByUser = new Map<number, string[]>()
  for (const c of callerIds) {
    const list = idsByUser.get(c.user_id) ?? []
    list.push(c.number)
    idsByUser.set(c.user_id, list)
  }
  for (const l of lines) result.set(l.user_id, toAppLine(l, idsByUser.get(l.user_id) ?? []))
  return result
}

function toAppLine(row: LineRow, callerIds: string[]): AppLine {
  return {
    didNumber: row.did_number,
    internalNumber: row.internal_number,
    externalOutbound: row.external_outbound === 1,
    callerIds,
    defaultCallerId: row.default_caller_id,
    recording: {
      inboundInternal: row.rec_inbound_internal === 1,
      inboundExternal: row.rec_inbound_external === 1,
      outboundInternal: row.rec_outbound_internal === 1,
      outboundExternal: row.rec_outbound_external === 1,
    },
    updatedAt: iso(row.updated_at),
  }
}

export async function getLine(db: Queryable, userId: number): Promise<AppLine | null> {
  return (await loadLines(db, [userId])).get(userId) ?? null
}

/** Inserts or replaces the user's line and its caller IDs. */
export async function saveLine(
  tx: Transaction,
  userId: number,
  line: LineValues,
  now: number,
): Promise<void> {
  const flags = [
    line.externalOutbound,
    line.recording.inboundInternal,
    line.recording.inboundExternal,
    line.recording.outboundInternal,
    line.recording.outboundExternal,
  ].map((b) => (b ? 1 : 0))
  await tx.run(
    `INSERT INTO app_lines (user_id, did_number, internal_number, external_outbound, default_caller_id,
       rec_inbound_internal, rec_inbound_external, rec_outbound_internal, rec_outbound_external,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET
       did_number = excluded.did_number, internal_number = excluded.internal_number,
       external_outbound = excluded.external_outbound, default_caller_id = excluded.default_caller_id,
       rec_inbound_internal = excluded.rec_inbound_internal,
       rec_inbound_external = excluded.rec_inbound_external,
       rec_outbound_internal = excluded.rec_outbound_internal,
       rec_outbound_external = excluded.rec_outbound_external,
       updated_at = excluded.updated_at`,
    [
      userId,
      line.didNumber,
      line.internalNumber,
      flags[0]!,
      line.defaultCallerId,
      ...flags.slice(1),
      now,
      now,
    ],
  )
  await tx.run('DELETE FROM app_line_caller_ids WHERE user_id = ?', [userId])
  for (const [position, number] of line.callerIds.entries()) {
    await tx.run('INSERT INTO app_line_caller_ids (user_id, number, position) VALUES (?, ?, ?)', [
      userId,
      number,
      position,
    ])
  }
}

const FIRST_INTERNAL = 100
const LAST_INTERNAL = 999_999

/**
 * The internal number the admin console suggests: one above the highest in
 * use (an index lookup), or, once the range is exhausted, the lowest gap.
 */
export async function nextFreeInternalNumber(db: Queryable): Promise<string> {
  const top = await db.get<{ n: number | null }>(
    'SELECT max(CAST(internal_number AS INTEGER)) AS n FROM app_lines',
  )
  const next = Math.max(FIRST_INTERNAL, (top?.n ?? 0) + 1)
  if (next <= LAST_INTERNAL) return String(next)
  const gap = await db.get<{ n: number }>(
    `SELECT min(candidate) AS n FROM (
       SELECT ? AS candidate
       UNION ALL
       SELECT CAST(internal_number AS INTEGER) + 1 FROM app_lines
     ) WHERE candidate BETWEEN ? AND ?
       AND NOT EXISTS (SELECT 1 FROM app_lines WHERE internal_number = CAST(candidate AS TEXT))`,
    [FIRST_INTERNAL, FIRST_INTERNAL, LAST_INTERNAL],
  )
  if (gap?.n == null) throw conflict('internalNumber', 'every internal number is in use')
  return String(gap.n)
}

export function lineUsingInternalNumber(
  db: Queryable,
  internalNumber: string,
): Promise<{ user_id: number } | undefined> {
  return db.get('SELECT user_id FROM app_lines WHERE internal_number = ?', [internalNumber])
}
