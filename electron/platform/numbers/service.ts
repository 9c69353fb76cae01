import type { PlatformContext } from '../context'
import { audit, type Actor } from '../audit'
import { badRequest, HttpError } from '../errors'
import { toE164 } from '@shared/phone-number'
import type { FieldError } from '@shared/schemas/errors'
import type { NumberList, NumberListQuery } from '@shared/schemas/numbers'
import { iso } from '../time'
import { isCallerIdOfALine, isDidOfALine } from '../lines/repository'
import { deleteNumber, insertNumber, listNumberRows, numberExists } from './repository'

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
      if (!(await insertNumber(tx, number, now))) {
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
      if (!(await numberExists(tx, number))) {
        errors.push({
          status: 404,
          field: { field, reason: `${number} is not one of the company's numbers` },
        })
      } else if (await isDidOfALine(tx, number)) {
        errors.push({
          status: 409,
          field: { field, reason: `${number} is the DID of a user's line; change that line first` },
        })
      } else if (await isCallerIdOfALine(tx, number)) {
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
      await deleteNumber(tx, number)
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

export async function listNumbers(
  ctx: PlatformContext,
  query: NumberListQuery,
): Promise<NumberList> {
  const { rows, total } = await listNumberRows(ctx.db, query)
  return {
    total,
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
