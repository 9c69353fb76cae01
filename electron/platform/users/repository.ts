import type { Queryable, Transaction } from '../db/connection'
import { containsPattern } from '../db/like'
import type { UserInput, UserListQuery, UserPatch } from '@shared/schemas/users'
import { USER_STATUS_SQL } from './status'

export interface UserRow {
  id: number
  first_name: string
  last_name: string
  department: string
  job_title: string
  email: string
  sip_user: string
  created_at: number
  updated_at: number
}

const COLUMNS: Record<keyof UserPatch, keyof UserRow> = {
  firstName: 'first_name',
  lastName: 'last_name',
  department: 'department',
  jobTitle: 'job_title',
  email: 'email',
}

export function getUserRow(db: Queryable, id: number): Promise<UserRow | undefined> {
  return db.get<UserRow>('SELECT * FROM users WHERE id = ?', [id])
}

export async function insertUser(tx: Transaction, input: UserInput, now: number): Promise<number> {
  // The SIP user is derived from the row id; insert with a placeholder first
  // so the id exists, then set it, all in the caller's transaction.
  const { lastID } = await tx.run(
    `INSERT INTO users (first_name, last_name, department, job_title, email, sip_user, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending:' || hex(randomblob(8)), ?, ?)`,
    [input.firstName, input.lastName, input.department, input.jobTitle, input.email, now, now],
  )
  await tx.run('UPDATE users SET sip_user = ? WHERE id = ?', [`u${lastID}`, lastID])
  return lastID
}

export async function updateUser(
  tx: Transaction,
  id: number,
  patch: UserPatch,
  now: number,
): Promise<void> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [
    keyof UserPatch,
    string,
  ][]
  if (entries.length === 0) return
  const sets = entries.map(([key]) => `${COLUMNS[key]} = ?`).join(', ')
  await tx.run(`UPDATE users SET ${sets}, updated_at = ? WHERE id = ?`, [
    ...entries.map(([, v]) => v),
    now,
    id,
  ])
}

export async function deleteUser(tx: Transaction, id: number): Promise<void> {
  await tx.run('DELETE FROM users WHERE id = ?', [id])
}

export function findUserIdByEmail(
  db: Queryable,
  email: string,
): Promise<{ id: number } | undefined> {
  return db.get<{ id: number }>('SELECT id FROM users WHERE email = ?', [email])
}

const SORT_SQL: Record<UserListQuery['sort'], string> = {
  name: 'u.last_name COLLATE NOCASE {dir}, u.first_name COLLATE NOCASE {dir}',
  email: 'u.email {dir}',
  department: 'u.department COLLATE NOCASE {dir}',
  didNumber: 'l.did_number IS NULL, l.did_number {dir}',
  internalNumber: 'l.internal_number IS NULL, CAST(l.internal_number AS INTEGER) {dir}',
  createdAt: 'u.created_at {dir}',
  lastSeenAt:
    '(SELECT max(d.last_seen_at) FROM devices d WHERE d.user_id = u.id) IS NULL, ' +
    '(SELECT max(d.last_seen_at) FROM devices d WHERE d.user_id = u.id) {dir}',
}

/** One page of user ids matching the query, and how many match in all. */
export async function listUserIds(
  db: Queryable,
  query: UserListQuery,
  now: number,
): Promise<{ ids: number[]; total: number }> {
  const where: string[] = []
  const params: (string | number)[] = []
  if (query.q) {
    const like = containsPattern(query.q)
    where.push(`(u.first_name || ' ' || u.last_name LIKE ? ESCAPE '\\'
      OR u.last_name || ' ' || u.first_name LIKE ? ESCAPE '\\'
      OR u.email LIKE ? ESCAPE '\\'
      OR l.did_number LIKE ? ESCAPE '\\'
      OR l.internal_number LIKE ? ESCAPE '\\')`)
    params.push(like, like, like, like, like)
  }
  if (query.department) {
    where.push('u.department = ? COLLATE NOCASE')
    params.push(query.department)
  }
  if (query.status) {
    where.push(`(${USER_STATUS_SQL}) = ?`)
    params.push(now, now, query.status)
  }
  const from = `FROM users u LEFT JOIN app_lines l ON l.user_id = u.id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
  const dir = query.order === 'desc' ? 'DESC' : 'ASC'
  const order = SORT_SQL[query.sort].replaceAll('{dir}', dir)
  const offset = (query.page - 1) * query.pageSize
  const [rows, count] = await Promise.all([
    db.all<{ id: number }>(`SELECT u.id ${from} ORDER BY ${order}, u.id ${dir} LIMIT ? OFFSET ?`, [
      ...params,
      query.pageSize,
      offset,
    ]),
    db.get<{ n: number }>(`SELECT count(*) AS n ${from}`, params),
  ])
  return { ids: rows.map((r) => r.id), total: count?.n ?? 0 }
}
