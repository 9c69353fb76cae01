import Papa from 'papaparse'
import type { PlatformContext } from '../context'
import type { User, UserStatus } from '@shared/schemas/users'
import { loadUsers } from './view'
import { listUserIdsByName } from './repository'

const STATUS_TEXT: Record<UserStatus, string> = {
  not_invited: 'Not invited',
  invited: 'Invited',
  invitation_failed: 'Invitation failed',
  active: 'Active',
}

const yesNo = (flag: boolean | undefined) => (flag === undefined ? '' : flag ? 'yes' : 'no')

/** The first five columns are the import's, so an export can be edited and imported elsewhere. */
const COLUMNS: [string, (u: User) => string | number][] = [
  ['First Name', (u) => u.firstName],
  ['Last Name', (u) => u.lastName],
  ['Department', (u) => u.department],
  ['Job Title', (u) => u.jobTitle],
  ['Email', (u) => u.email],
  ['Status', (u) => STATUS_TEXT[u.status]],
  ['Active Devices', (u) => u.activeDevices],
  ['Last Seen', (u) => u.lastSeenAt ?? ''],
  ['DID Number', (u) => u.line?.didNumber ?? ''],
  ['Internal Number', (u) => u.line?.internalNumber ?? ''],
  ['External Outbound Calls', (u) => yesNo(u.line?.externalOutbound)],
  ['Caller IDs', (u) => u.line?.callerIds.join(' ') ?? ''],
  ['Default Caller ID', (u) => u.line?.defaultCallerId ?? ''],
  ['Record Inbound Internal', (u) => yesNo(u.line?.recording.inboundInternal)],
  ['Record Inbound External', (u) => yesNo(u.line?.recording.inboundExternal)],
  ['Record Outbound Internal', (u) => yesNo(u.line?.recording.outboundInternal)],
  ['Record Outbound External', (u) => yesNo(u.line?.recording.outboundExternal)],
  ['Created', (u) => u.createdAt],
]

/**
 * A cell starting with = + - @ (or a tab or carriage return) is a formula to
 * a spreadsheet, so a user named `=HYPERLINK(…)` could run one on the
 * admin's machine; Papa prefixes such cells with ' and quotes them. Phone
 * numbers (+45…) get the quote too, which also keeps spreadsheets from
 * turning them into numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/

const PAGE = 500

/** Every user with their line, sorted by name, as CSV (with a BOM so spreadsheets read UTF-8). */
export async function exportUsersCsv(ctx: PlatformContext): Promise<string> {
  const ids = await listUserIdsByName(ctx.db)
  const now = ctx.now()
  const rows: (string | number)[][] = []
  for (let i = 0; i < ids.length; i += PAGE) {
    const users = await loadUsers(ctx.db, ids.slice(i, i + PAGE), now)
    for (const user of users) rows.push(COLUMNS.map(([, cell]) => cell(user)))
  }
  const csv = Papa.unparse(
    { fields: COLUMNS.map(([name]) => name), data: rows },
    { escapeFormulae: FORMULA_START, newline: '\r\n' },
  )
  return `\uFEFF${csv}\r\n`
}
