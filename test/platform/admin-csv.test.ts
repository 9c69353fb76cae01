import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { createUserWithLine } from '../fixtures/invite'
import { userImportReportSchema } from '@shared/schemas/user-import'
import { apiErrorSchema } from '@shared/schemas/errors'

/** CSV import (dry run, all or nothing) and export of users, and the departments filter. */
describe('users CSV import and export', () => {
  let platform: TestPlatform
  let admin: ApiClient

  beforeAll(async () => {
    platform = await startTestPlatform()
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
  })

  afterAll(async () => {
    await platform?.dispose()
  })

  const count = async (table: string) =>
    (await platform.ctx.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n

  const importCsv = (csv: string, dryRun: boolean) =>
    admin.post('/api/admin/users/import', { csv, dryRun })

  it('reports each bad row by its line and creates nothing, also when not a dry run', async () => {
    await admin.post('/api/admin/users', { email: 'taken@example.test' })
    const csv = [
      'first name;LAST NAME;Department;Job_Title;E-mail;Badge',
      'Ada;Lovelace;R&D;Analyst;ada@example.test;7',
      '',
      'Bad;Mail;;;not-an-email;',
      'Dup;One;;;dup@example.test;',
      'Dup;Two;;;DUP@example.test;',
      'Old;User;;;Taken@Example.test;',
      `Long;${'x'.repeat(101)};;;long@example.test;`,
      'No;Email;;;;',
      'Too;Many;;;many@example.test;;extra',
    ].join('\r\n')
    const users = await count('users')
    const audit = await count('audit_log')
    for (const dryRun of [true, false]) {
      const res = await importCsv(csv, dryRun)
      expect(res.status).toBe(200)
      const report = userImportReportSchema.parse(res.body)
      expect(report.created).toBe(0)
      expect(report.ignoredColumns).toEqual(['Badge'])
      const byRow = Object.fromEntries(report.rows.map((r) => [r.row, r]))
      expect(report.rows.map((r) => r.row)).toEqual([2, 4, 5, 6, 7, 8, 9, 10])
      expect(byRow[2]).toMatchObject({ email: 'ada@example.test', ok: true, errors: [] })
      expect(byRow[4]!.errors).toEqual([
        { field: 'email', reason: 'must be a valid email address' },
      ])
      expect(byRow[5]!.ok).toBe(true)
      expect(byRow[6]!.errors).toEqual([{ field: 'email', reason: 'is also in row 5' }])
      expect(byRow[7]!.errors).toEqual([
        { field: 'email', reason: 'is already used by another user' },
      ])
      expect(byRow[8]!.errors).toEqual([
        { field: 'lastName', reason: 'must be at most 100 characters' },
      ])
      expect(byRow[9]!.errors).toEqual([{ field: 'email', reason: 'is required' }])
      expect(byRow[10]!.errors[0]).toMatchObject({ field: 'row' })
    }
    expect(await count('users')).toBe(users)
    expect(await count('audit_log')).toBe(audit)
  })

  it('creates every user of a clean file in one go, with audit entries', async () => {
    const csv = [
      'First Name,Last Name,Department,Job Title,Email',
      'Grace,Hopper,Engineering,Rear Admiral,grace@example.test',
      '"Lin, Jr.","O""Neil",Support,,lin@example.test',
    ].join('\n')
    const dry = await importCsv(csv, true)
    expect(dry.status).toBe(200)
    expect(dry.body.rows.every((r: { ok: boolean }) => r.ok)).toBe(true)
    expect((await admin.get('/api/admin/users?q=grace@example.test')).body.total).toBe(0)

    const res = await importCsv(csv, false)
    expect(res.status).toBe(201)
    expect(res.body.created).toBe(2)
    const lin = (await admin.get('/api/admin/users?q=lin@example.test')).body.items[0]
    expect(lin).toMatchObject({
      firstName: 'Lin, Jr.',
      lastName: 'O"Neil',
      department: 'Support',
      status: 'not_invited',
      line: null,
    })
    const audit = await admin.get('/api/admin/audit?action=user.import')
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin@example.test',
      after: { created: 2 },
    })
    expect(
      (await admin.get(`/api/admin/audit?entityType=user&entityId=${lin.id}`)).body.items,
    ).toHaveLength(1)
    // Importing the same file again: every row is now taken.
    const again = await importCsv(csv, false)
    expect(again.body.created).toBe(0)
    expect(again.body.rows.every((r: { ok: boolean }) => !r.ok)).toBe(true)
  })

  it('refuses a file it cannot read with a 400 on csv', async () => {
    const bad: [unknown, string][] = [
      [{ csv: 'Name,Mail\nAda,ada@x.test', dryRun: true }, 'csv'],
      [{ csv: 'Email\n', dryRun: true }, 'csv'],
      [{ csv: 'Email,email\na@x.test,b@x.test', dryRun: true }, 'csv'],
      [{ csv: '', dryRun: true }, 'csv'],
      [{ csv: 42, dryRun: true }, 'csv'],
      [{ csv: 'Email\na@x.test' }, 'dryRun'],
      [{ csv: 'Email\na@x.test', dryRun: 'yes' }, 'dryRun'],
      [{ csv: 'Email\na@x.test', dryRun: true, extra: 1 }, 'extra'],
    ]
    for (const [body, field] of bad) {
      const res = await admin.post('/api/admin/users/import', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const error = apiErrorSchema.parse(res.body)
      expect(error.fields?.map((f) => f.field)).toContain(field)
      expect(error.message).toContain(field)
    }
    const rows = Array.from({ length: 10_001 }, (_, i) => `u${i}@x.test`)
    const tooMany = await importCsv(`Email\n${rows.join('\n')}`, true)
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.message).toContain('at most 10000')
  })

  it('takes a large file within its own body limit, and refuses more than 2 MiB', async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `Bulk,User ${i},Sales,,bulk${i}@x.test`)
    const csv = `First Name,Last Name,Department,Job Title,Email\n${rows.join('\n')}`
    expect(csv.length).toBeGreaterThan(64 * 1024)
    const res = await importCsv(csv, true)
    expect(res.status).toBe(200)
    expect(res.body.rows).toHaveLength(5_000)
    const huge = await importCsv(`Email\n${'a'.repeat(2 * 1024 * 1024)}`, true)
    expect(huge.status).toBe(413)
  })

  it('needs an admin session', async () => {
    const anonymous = new ApiClient(platform.url)
    expect(
      (await anonymous.post('/api/admin/users/import', { csv: 'Email\na@x.test', dryRun: true }))
        .status,
    ).toBe(401)
    expect((await anonymous.get('/api/admin/users/export.csv')).status).toBe(401)
    expect((await anonymous.get('/api/admin/departments')).status).toBe(401)
  })

  it('exports every user with the line, quoted, safe from formula injection', async () => {
    await admin.post('/api/admin/numbers', { numbers: ['+4520304090', '+4570100100'] })
    const id = await createUserWithLine(admin, 'export@example.test', {
      didNumber: '+4520304090',
      externalOutbound: true,
      callerIds: ['+4520304090', '+4570100100'],
      defaultCallerId: '+4570100100',
      recording: { inboundExternal: true },
    })
    await admin.patch(`/api/admin/users/${id}`, {
      firstName: '=HYPERLINK("http://evil.test")',
      lastName: 'Comma, "Quote"',
      department: '@SUM(1)',
      jobTitle: '-2+3',
    })
    const res = await fetch(`${platform.url}/api/admin/users/export.csv`, {
      headers: { authorization: `Bearer ${admin.token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="users-.*\.csv"/)
    const bytes = new Uint8Array(await res.arrayBuffer())
    // A byte-order mark, so spreadsheets read UTF-8 (fetch's text() would drop it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    const parsed = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: true,
    })
    expect(parsed.errors).toEqual([])
    expect(parsed.data).toHaveLength(
      (await admin.get('/api/admin/users?pageSize=1')).body.total as number,
    )
    const row = parsed.data.find((r) => r.Email === 'export@example.test')!
    expect(row).toMatchObject({
      'First Name': `'=HYPERLINK("http://evil.test")`,
      'Last Name': 'Comma, "Quote"',
      Department: "'@SUM(1)",
      'Job Title': "'-2+3",
      Status: 'Invited',
      'DID Number': "'+4520304090",
      'External Outbound Calls': 'yes',
      'Caller IDs': "'+4520304090 +4570100100",
      'Default Caller ID': "'+4570100100",
      'Record Inbound External': 'yes',
      'Record Outbound External': 'no',
    })
    // Quoted as a whole: the cell stays one cell in every spreadsheet.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"")"`)
  })

  it('lists departments once each, sorted, without blanks', async () => {
    for (const [email, department] of [
      ['d1@example.test', 'sales'],
      ['d2@example.test', 'Sales'],
      ['d3@example.test', 'Sales'],
      ['d4@example.test', 'Accounting'],
      ['d5@example.test', ''],
    ]) {
      expect((await admin.post('/api/admin/users', { email, department })).status).toBe(201)
    }
    const res = await admin.get('/api/admin/departments')
    expect(res.status).toBe(200)
    expect(res.body.items).toContain('Sales')
    expect(res.body.items).not.toContain('sales')
    expect(res.body.items).not.toContain('')
    const sorted = [...res.body.items].sort((a: string, b: string) =>
      a.localeCompare(b, undefined, { sensitivity: 'base' }),
    )
    expect(res.body.items).toEqual(sorted)
  })
})
