import type { PlatformContext } from '../context'
import type { Queryable } from '../db/connection'
import { audit, type Actor } from '../audit'
import { fieldError } from '../errors'
import { toFieldErrors } from '../http/validate'
import { userInputSchema, type UserInput } from '@shared/schemas/users'
import {
  USER_IMPORT_COLUMNS,
  USER_IMPORT_MAX_ROWS,
  type UserImportReport,
  type UserImportRow,
} from '@shared/schemas/user-import'
import { readCsvRecords, type CsvRecord } from './csv-records'
import { findTakenEmails, insertUser } from './repository'

/** Header cell → field: `First Name`, `first name`, `FirstName` and `first_name` all count. */
const squash = (header: string) => header.toLowerCase().replace(/[^a-z]/g, '')
const FIELDS = new Map<string, keyof UserInput>([
  ['firstname', 'firstName'],
  ['lastname', 'lastName'],
  ['department', 'department'],
  ['jobtitle', 'jobTitle'],
  ['email', 'email'],
])

const EMAIL_TAKEN = 'is already used by another user'

interface Candidate {
  report: UserImportRow
  input?: UserInput
}

const csvError = (reason: string) => fieldError(400, 'Bad Request', 'csv', reason)

/** Which column holds which field; refuses a header without Email or with a field twice. */
function mapColumns(header: CsvRecord) {
  const columns = new Map<keyof UserInput, number>()
  const ignoredColumns: string[] = []
  header.cells.forEach((cell, index) => {
    const field = FIELDS.get(squash(cell))
    if (!field) {
      if (cell.trim()) ignoredColumns.push(cell.trim())
      return
    }
    if (columns.has(field)) throw csvError(`has the column "${cell.trim()}" twice`)
    columns.set(field, index)
  })
  if (!columns.has('email')) {
    throw csvError(
      `has no Email column; the first line must name the columns: ${USER_IMPORT_COLUMNS.join(', ')}`,
    )
  }
  return { columns, ignoredColumns }
}

/** Each row checked on its own with the same schema as the Create User form. */
function checkRow(
  record: CsvRecord,
  columns: Map<keyof UserInput, number>,
  width: number,
): Candidate {
  const value = (field: keyof UserInput) => {
    const index = columns.get(field)
    return index === undefined ? '' : (record.cells[index] ?? '')
  }
  const email = value('email').trim()
  const report: UserImportRow = { row: record.line, email, ok: false, errors: [] }
  if (record.problem) report.errors.push({ field: 'row', reason: record.problem })
  if (record.cells.length > width) {
    report.errors.push({
      field: 'row',
      reason: `has ${record.cells.length} cells but the header names ${width} columns`,
    })
  }
  const parsed = userInputSchema.safeParse(
    Object.fromEntries([...FIELDS.values()].map((field) => [field, value(field)])),
  )
  if (!parsed.success) report.errors.push(...toFieldErrors(parsed.error.issues, 'row'))
  if (report.errors.length > 0 || !parsed.success) return { report }
  return { report, input: parsed.data }
}

/** Emails of `emails` that already belong to a user (the column compares case-insensitively). */
async function takenEmails(db: Queryable, emails: string[]): Promise<Set<string>> {
  const taken = new Set<string>()
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500)
    for (const email of await findTakenEmails(db, chunk)) taken.add(email.toLowerCase())
  }
  return taken
}

/** Adds "already used" errors: by a user in the database, or by an earlier row of the file. */
async function checkUniqueness(db: Queryable, candidates: Candidate[]): Promise<void> {
  const valid = candidates.filter((c) => c.input)
  const taken = await takenEmails(
    db,
    valid.map((c) => c.input!.email),
  )
  const firstRow = new Map<string, number>()
  for (const c of valid) {
    const key = c.input!.email.toLowerCase()
    const earlier = firstRow.get(key)
    if (taken.has(key)) c.report.errors.push({ field: 'email', reason: EMAIL_TAKEN })
    else if (earlier !== undefined)
      c.report.errors.push({ field: 'email', reason: `is also in row ${earlier}` })
    else firstRow.set(key, c.report.row)
  }
}

function parseCandidates(csv: string) {
  const [header, ...records] = readCsvRecords(csv)
  if (!header) throw csvError('has no rows')
  if (header.problem) throw csvError(`line 1: ${header.problem}`)
  const { columns, ignoredColumns } = mapColumns(header)
  if (records.length === 0) throw csvError('has a header but no users')
  if (records.length > USER_IMPORT_MAX_ROWS) {
    throw csvError(`has ${records.length} users; import at most ${USER_IMPORT_MAX_ROWS} at a time`)
  }
  const width = header.cells.length
  return { candidates: records.map((r) => checkRow(r, columns, width)), ignoredColumns }
}

function finish(candidates: Candidate[], ignoredColumns: string[], created: number) {
  for (const c of candidates) c.report.ok = c.report.errors.length === 0
  return { rows: candidates.map((c) => c.report), created, ignoredColumns }
}

/**
 * Imports users from CSV, all or nothing: a dry run only reports; a real run
 * checks again inside its transaction (so nobody can take an email between
 * check and insert) and creates every user, or none when any row is wrong.
 */
export async function importUsers(
  ctx: PlatformContext,
  csv: string,
  dryRun: boolean,
  actor: Actor,
): Promise<UserImportReport> {
  const { candidates, ignoredColumns } = parseCandidates(csv)
  if (dryRun) {
    await checkUniqueness(ctx.db, candidates)
    return finish(candidates, ignoredColumns, 0)
  }
  const created = await ctx.db.transaction(async (tx) => {
    await checkUniqueness(tx, candidates)
    if (candidates.some((c) => c.report.errors.length > 0)) return 0
    const now = ctx.now()
    for (const c of candidates) {
      const id = await insertUser(tx, c.input!, now)
      await audit(
        tx,
        { actor, action: 'user.create', entityType: 'user', entityId: id, after: c.input },
        now,
      )
    }
    await audit(
      tx,
      {
        actor,
        action: 'user.import',
        entityType: 'user',
        entityId: null,
        after: { created: candidates.length },
      },
      now,
    )
    return candidates.length
  })
  return finish(candidates, ignoredColumns, created)
}
