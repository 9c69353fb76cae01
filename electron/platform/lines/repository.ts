import type { Queryable, Transaction } from '../db/connection'
import type { AppLine } from '@shared/schemas/app-line'
import { iso } from '../time'
import { conflict } from '../errors'
import { sql } from '../db/sql'

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

/** Every column of app_lines, as LineRow names them. */
export const LINE_COLUMNS = [
  'user_id',
  'did_number',
  'internal_number',
  'external_outbound',
  'default_caller_id',
  'rec_inbound_internal',
  'rec_inbound_external',
  'rec_outbound_internal',
  'rec_outbound_external',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof LineRow)[]

/** The line as stored, written whole on every save (PUT semantics). */
export interface LineValues {
  didNumber: string | null
  internalNumber: string
  externalOutbound: boolean
  callerIds: string[]
  defaultCallerId: string | null
  recording: AppLine['recording']
}

/** Lines of the given users, keyed by user id, with their caller IDs in order. */
export async function loadLines(db: Queryable, userIds: number[]): Promise<Map<number, AppLine>> {
  const result = new Map<number, AppLine>()
  if (userIds.length === 0) return result
  const [lines, callerIds] = await Promise.all([
    db.all<LineRow>(sql`SELECT * FROM app_lines WHERE user_id IN ${userIds}`),
    db.all<{ user_id: number; number: string }>(
      sql`SELECT user_id, number FROM app_line_caller_ids WHERE user_id IN ${userIds} ORDER BY user_id, position`,
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

export function toAppLine(row: LineRow, callerIds: string[]): AppLine {
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
    sql`INSERT INTO app_lines (user_id, did_number, internal_number, external_outbound, default_caller_id,
       rec_inbound_internal, rec_inbound_external, rec_outbound_internal, rec_outbound_external,
       created_at, updated_at)
     VALUES (${userId}, ${line.didNumber}, ${line.internalNumber}, ${flags[0]!}, ${line.defaultCallerId},
       ${flags[1]!}, ${flags[2]!}, ${flags[3]!}, ${flags[4]!}, ${now}, ${now})
     ON CONFLICT (user_id) DO UPDATE SET
       did_number = excluded.did_number, internal_number = excluded.internal_number,
       external_outbound = excluded.external_outbound, default_caller_id = excluded.default_caller_id,
       rec_inbound_internal = excluded.rec_inbound_internal,
       rec_inbound_external = excluded.rec_inbound_external,
       rec_outbound_internal = excluded.rec_outbound_internal,
       rec_outbound_external = excluded.rec_outbound_external,
       updated_at = excluded.updated_at`,
  )
  await tx.run(sql`DELETE FROM app_line_caller_ids WHERE user_id = ${userId}`)
  for (const [position, number] of line.callerIds.entries()) {
    await tx.run(
      sql`INSERT INTO app_line_caller_ids (user_id, number, position) VALUES (${userId}, ${number}, ${position})`,
    )
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
    sql`SELECT max(CAST(internal_number AS INTEGER)) AS n FROM app_lines`,
  )
  const next = Math.max(FIRST_INTERNAL, (top?.n ?? 0) + 1)
  if (next <= LAST_INTERNAL) return String(next)
  const gap = await db.get<{ n: number }>(
    sql`SELECT min(candidate) AS n FROM (
       SELECT ${FIRST_INTERNAL} AS candidate
       UNION ALL
       SELECT CAST(internal_number AS INTEGER) + 1 FROM app_lines
     ) WHERE candidate BETWEEN ${FIRST_INTERNAL} AND ${LAST_INTERNAL}
       AND NOT EXISTS (SELECT 1 FROM app_lines WHERE internal_number = CAST(candidate AS TEXT))`,
  )
  if (gap?.n == null) throw conflict('internalNumber', 'every internal number is in use')
  return String(gap.n)
}

export function lineUsingInternalNumber(
  db: Queryable,
  internalNumber: string,
): Promise<{ user_id: number } | undefined> {
  return db.get(sql`SELECT user_id FROM app_lines WHERE internal_number = ${internalNumber}`)
}

export async function isDidOfALine(db: Queryable, number: string): Promise<boolean> {
  return (await db.get(sql`SELECT 1 FROM app_lines WHERE did_number = ${number}`)) !== undefined
}

export async function isCallerIdOfALine(db: Queryable, number: string): Promise<boolean> {
  return (
    (await db.get(sql`SELECT 1 FROM app_line_caller_ids WHERE number = ${number}`)) !== undefined
  )
}

/** The user whose line has `didNumber` as DID, with what names them to an admin. */
export function findDidOwner(
  db: Queryable,
  didNumber: string,
): Promise<{ user_id: number; first_name: string; last_name: string; email: string } | undefined> {
  return db.get(
    sql`SELECT l.user_id, u.first_name, u.last_name, u.email FROM app_lines l JOIN users u ON u.id = l.user_id
       WHERE l.did_number = ${didNumber}`,
  )
}
