import { z } from 'zod'
import { requiredOr } from './common'
import { fieldErrorSchema } from './errors'

/** The import route's own body limit; the JSON envelope around the CSV fits in it. */
export const USER_IMPORT_BODY_LIMIT_BYTES = 2 * 1024 * 1024
export const USER_IMPORT_MAX_ROWS = 10_000

/** The columns an import reads, as written in the CSV header (case-insensitive). */
export const USER_IMPORT_COLUMNS = [
  'First Name',
  'Last Name',
  'Department',
  'Job Title',
  'Email',
] as const

export const userImportRequestSchema = z.strictObject({
  csv: z
    .string({ error: requiredOr('must be text') })
    .min(1, { error: 'is empty; send the CSV file’s content' })
    .max(USER_IMPORT_BODY_LIMIT_BYTES, { error: 'is too large' }),
  /** true: only check and report; false: create every user, or none when a row is wrong. */
  dryRun: z.boolean({ error: requiredOr('must be true or false') }),
})

export const userImportRowSchema = z.object({
  /** The line of the CSV file the row starts on; the header is line 1. */
  row: z.number(),
  email: z.string(),
  ok: z.boolean(),
  errors: z.array(fieldErrorSchema),
})

export const userImportReportSchema = z.object({
  rows: z.array(userImportRowSchema),
  /** How many users were created: 0 for a dry run or when any row has an error. */
  created: z.number(),
  /** Header cells that are not one of USER_IMPORT_COLUMNS, left out of the import. */
  ignoredColumns: z.array(z.string()),
})

export const departmentListSchema = z.object({ items: z.array(z.string()) })

export type UserImportRequest = z.infer<typeof userImportRequestSchema>
export type UserImportRow = z.infer<typeof userImportRowSchema>
export type UserImportReport = z.infer<typeof userImportReportSchema>
export type DepartmentList = z.infer<typeof departmentListSchema>
