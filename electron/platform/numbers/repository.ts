import type { Queryable, Transaction } from '../db/connection'
import { sql, whereAll, type Query } from '../db/sql'
import { containsPattern } from '../db/like'
import type { NumberListQuery } from '@shared/schemas/numbers'

export interface NumberListRow {
  number: string
  created_at: number
  user_id: number | null
  first_name: string | null
  last_name: string | null
  email: string | null
}

/** Adds the number unless it is there already; false when it was. */
export async function insertNumber(tx: Transaction, number: string, now: number): Promise<boolean> {
  const { changes } = await tx.run(
    sql`INSERT INTO numbers (number, created_at) VALUES (${number}, ${now}) ON CONFLICT DO NOTHING`,
  )
  return changes > 0
}

export async function numberExists(db: Queryable, number: string): Promise<boolean> {
  return (await db.get(sql`SELECT 1 FROM numbers WHERE number = ${number}`)) !== undefined
}

export async function deleteNumber(tx: Transaction, number: string): Promise<void> {
  await tx.run(sql`DELETE FROM numbers WHERE number = ${number}`)
}

const SORT: Record<NumberListQuery['sort'], Query> = {
  number: sql`n.number`,
  createdAt: sql`n.created_at`,
}

/** `q` as the admin typed it: digits (and phone punctuation) search numbers, anything else people. */
function numberSearch(q: string | undefined): Query | null {
  const text = q?.trim()
  if (!text) return null
  if (/^[\d\s+()./-]+$/.test(text)) {
    return sql`replace(n.number, '+', '') LIKE ${`%${text.replace(/\D/g, '')}%`} ESCAPE '\\'`
  }
  const like = containsPattern(text)
  return sql`(u.first_name || ' ' || u.last_name LIKE ${like} ESCAPE '\\' OR u.email LIKE ${like} ESCAPE '\\')`
}

/** One page of the company's numbers with whoever has each as DID, and how many match in all. */
export async function listNumberRows(
  db: Queryable,
  query: NumberListQuery,
): Promise<{ rows: NumberListRow[]; total: number }> {
  const where: Query[] = []
  const search = numberSearch(query.q)
  if (search) where.push(search)
  if (query.free !== undefined)
    where.push(query.free === 'true' ? sql`l.user_id IS NULL` : sql`l.user_id IS NOT NULL`)
  const from = sql`FROM numbers n LEFT JOIN app_lines l ON l.did_number = n.number
     LEFT JOIN users u ON u.id = l.user_id
     ${whereAll(where)}`
  const direction = query.order === 'desc' ? sql`DESC` : sql`ASC`
  const [rows, count] = await Promise.all([
    db.all<NumberListRow>(
      sql`SELECT n.number, n.created_at, l.user_id, u.first_name, u.last_name, u.email ${from}
       ORDER BY ${SORT[query.sort]} ${direction}, n.number ${direction}
       LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    ),
    db.get<{ total: number }>(sql`SELECT count(*) AS total ${from}`),
  ])
  return { rows, total: count?.total ?? 0 }
}
