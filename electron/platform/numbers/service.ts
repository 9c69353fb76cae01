import type { PlatformContext } from '../context'
import { audit, type Actor } from '../audit'
import { badRequest, HttpError } from '../errors'
import { toE164 } from '@shared/phone-number'
import type { FieldError } from '@shared/schemas/errors'
import type { NumberList, NumberListQuery } from '@shared/schemas/numbers'
import { containsPattern } from '../db/like'
import { iso } from '../time'

/** Every entry valid, or a 400 with one error per bad entry (`numbers.<index>`). */
function normalizeAll(numbers: string[]): string[] {
  const errors: FieldError[] = []
  const normalized = numbers.map((raw, i) => {
    const e164 = toE164(raw)
    if (!e164)
      errors.push({
        field: `numbers.${i}`,
        reason: `"${raw}" is not a valid phone number in international form, e.g. +4520304050`,
      })
    return e164 ?? ''
  })
  if (errors.length) throw badRequest(errors)
  return normalized
}

export async function addNumbers(ctx: PlatformContext, numbers: string[], actor: Actor) {
  const normalized = [...new Set(normalizeAll(numbers))]
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now()
    const added: string[] = []
    const alreadyPresent: string[] = []
    for (const number of normalized) {
      const { changes } = await tx.run(
        'INSERT INTO numbers (number, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
        [number, now],
      )
      if (changes === 0) {
        alreadyPresent.push(number)
        continue
      }
      added.push(number)
      await audit(
        tx,
        { actor, action: 'number.add', entityType: 'number', entityId: number, after: { number } },
        now,
      )
    }
    return { added, alreadyPresent }
  })
}

/** Releases free numbers; refuses (all of them) if any is unknown or still in use. */
export async function removeNumbers(ctx: PlatformContext, numbers: string[], actor: Actor) {
  const normalized = normalizeAll(numbers)
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now()
    const errors: { status: number; field: FieldError }[] = []
    for (const [i, number] of normalized.entries()) {
      const field = `numbers.${i}`
      if (!(await tx.get('SELECT 1 FROM numbers WHERE number = ?', [number]))) {
        errors.push({
          status: 404,
          field: { field, reason: `${number} is not one of the company's numbers` },
        })
      } else if (await tx.get('SELECT 1 FROM app_lines WHERE did_number = ?', [number])) {
        errors.push({
          status: 409,
          field: { field, reason: `${number} is the DID of a user's line; change that line first` },
        })
      } else if (await tx.get('SELECT 1 FROM app_line_caller_ids WHERE number = ?', [number])) {
        errors.push({
          status: 409,
          field: {
            field,
            reason: `${number} is a caller ID of a user's line; change that line first`,
          },
        })
      }
    }
    if (errors.length) {
      const status = errors.some((e) => e.status === 409) ? 409 : 404
      const fields = errors.map((e) => e.field)
      throw new HttpError(
        status,
        status === 409 ? 'Conflict' : 'Not Found',
        fields.map((f) => `${f.field}: ${f.reason}`).join('; '),
        fields,
      )
    }
    for (const number of normalized) {
      await tx.run('DELETE FROM numbers WHERE number = ?', [number])
      await audit(
        tx,
        {
          actor,
          action: 'number.remove',
          entityType: 'number',
          entityId: number,
          before: { number },
        },
        now,
      )
    }
    return { removed: normalized }
  })
}

const NUMBER_SORT_SQL: Record<NumberListQuery['sort'], string> = {
  number: 'n.number',
  createdAt: 'n.created_at',
}

/** `q` as the admin typed it: digits (and phone punctuation) search numbers, anything else people. */
function numberSearch(q: string | undefined): { sql: string; params: string[] } | null {
  const text = q?.trim()
  if (!text) return null
  if (/^[\d\s+()./-]+$/.test(text)) {
    return {
      sql: "replace(n.number, '+', '') LIKE ? ESCAPE '\\'",
      params: [`%${text.replace(/\D/g, '')}%`],
    }
  }
  const like = containsPattern(text)
  return {
    sql: "(u.first_name || ' ' || u.last_name LIKE ? ESCAPE '\\' OR u.email LIKE ? ESCAPE '\\')",
    params: [like, like],
  }
}

export async function listNumbers(
  ctx: PlatformContext,
  query: NumberListQuery,
): Promise<NumberList> {
  const where: string[] = []
  const params: (string | number)[] = []
  const search = numberSearch(query.q)
  if (search) {
    where.push(search.sql)
    params.push(...search.params)
  }
  if (query.free !== undefined)
    where.push(query.free === 'true' ? 'l.user_id IS NULL' : 'l.user_id IS NOT NULL')
  const from = `FROM numbers n LEFT JOIN app_lines l ON l.did_number = n.number
     LEFT JOIN users u ON u.id = l.user_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
  const direction = query.order === 'desc' ? 'DESC' : 'ASC'
  const [rows, count] = await Promise.all([
    ctx.db.all<{
      number: string
      created_at: number
      user_id: number | null
      first_name: string | null
      last_name: string | null
      email: string | null
    }>(
      `SELECT n.number, n.created_at, l.user_id, u.first_name, u.last_name, u.email ${from}
       ORDER BY ${NUMBER_SORT_SQL[query.sort]} ${direction}, n.number ${direction}
       LIMIT ? OFFSET ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    ),
    ctx.db.get<{ total: number }>(`SELECT count(*) AS total ${from}`, params),
  ])
  return {
    total: count?.total ?? 0,
    items: rows.map((r) => ({
      number: r.number,
      createdAt: iso(r.created_at),
      assignedTo:
        r.user_id === null
          ? null
          : {
              userId: r.user_id,
              name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim(),
              email: r.email ?? '',
            },
    })),
  }
}
