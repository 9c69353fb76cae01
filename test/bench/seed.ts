import { createHash } from 'node:crypto'
import type { Database, SqlValue, Transaction } from '../../electron/platform/db/connection'
import { prng } from './prng'

/**
 * A company directory of realistic shape for the list benchmarks, written
 * straight into the platform's tables in one transaction (under a second for
 * 10,000 users, where the API would take minutes). Deterministic: the same
 * seed gives the same rows. Kamailio's tables and the audit log are left out:
 * nothing on the list path reads them.
 */

// prettier-ignore
const FIRST_NAMES = [
  'Anna', 'Mette', 'Lars', 'Jens', 'Peter', 'Søren', 'Maria', 'Sofie', 'Ida', 'Emma',
  'Mikkel', 'Frederik', 'Oliver', 'William', 'Noah', 'Lucas', 'Karen', 'Hanne', 'Lone',
  'Susanne', 'Henrik', 'Thomas', 'Martin', 'Christian', 'Anders', 'Niels', 'Rasmus', 'Jonas',
  'Julie', 'Camilla', 'Louise', 'Line', 'Kirsten', 'Bo', 'Ole', 'Kim', 'Jesper', 'Morten',
  'Michael', 'Alexander', 'Ahmed', 'Fatima', 'Mohammed', 'Priya', 'Wei', 'Yuki', 'Olga',
  'Pierre', 'Giulia', 'Carlos', 'Aisha', 'Ingrid', 'Astrid', 'Freja', 'Magnus', 'Emil',
  'Clara', 'Sarah', 'David', 'Jakob', 'Lea', 'Nanna', 'Mads', 'Tobias', 'Zofia', 'Björn',
]

// prettier-ignore
const LAST_NAMES = [
  'Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen',
  'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen',
  'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Anderson', 'Smith', 'Johnson',
  'Williams', 'Brown', 'Müller', 'Schmidt', 'García', 'Rossi', 'Kowalski', 'Novák', 'Khan', 'Ali',
  'Nguyen', 'Tanaka', 'Andreassen', 'Sanderson', 'Lindqvist', 'Berg', 'Holm', 'Dahl', 'Lund',
  'Friis', 'Bach', 'Krogh', 'Skov', 'Vestergaard', 'Kjær', 'Lauridsen', 'Frandsen', 'Overgaard',
  'Østergaard', 'Iversen', 'Mikkelsen', 'Bertelsen', 'Knudsen', 'Eriksen', 'Svendsen', 'Dupont',
]

const DEPARTMENTS: Record<string, readonly string[]> = {
  Sales: ['Account Executive', 'Sales Manager', 'Key Account Manager', 'Sales Assistant'],
  Support: ['Support Agent', 'Support Lead', 'Technical Support Specialist'],
  Engineering: ['Software Engineer', 'Senior Engineer', 'QA Engineer', 'Engineering Manager'],
  Finance: ['Accountant', 'Controller', 'Financial Analyst'],
  HR: ['HR Partner', 'Recruiter', 'Payroll Specialist'],
  Marketing: ['Marketing Manager', 'Content Writer', 'Designer'],
  Operations: ['Operations Manager', 'Coordinator', 'Planner'],
  Logistics: ['Warehouse Lead', 'Dispatcher', 'Driver Coordinator'],
  Legal: ['Legal Counsel', 'Paralegal'],
  IT: ['System Administrator', 'IT Supporter', 'Network Engineer'],
  'Customer Success': ['Customer Success Manager', 'Onboarding Specialist'],
  Management: ['CEO', 'CFO', 'Director', 'Head of Department'],
}

const DEVICE_PLATFORMS = ['win32', 'darwin', 'linux'] as const

/** Company switchboard numbers every line may present as caller ID. */
export const MAIN_NUMBERS = ['+4570100100', '+4570100200'] as const

const DAY_MS = 86_400_000

/** `Søren Møller` → `soren.moller`: how mail systems spell names. */
function mailbox(first: string, last: string): string {
  const ascii = (s: string) =>
    s
      .toLowerCase()
      .replace(/ø/g, 'o')
      .replace(/æ/g, 'ae')
      .replace(/ß/g, 'ss')
      .normalize('NFD')
      .replace(/[^a-z]/g, '')
  return `${ascii(first)}.${ascii(last)}`
}

const hex = (s: string) => createHash('sha256').update(s).digest('hex')

// Column lists, in the order the rows below are built.
const USER_COLUMNS =
  'id first_name last_name department job_title email sip_user created_at updated_at'
const LINE_COLUMNS =
  'user_id did_number internal_number external_outbound default_caller_id rec_inbound_internal ' +
  'rec_inbound_external rec_outbound_internal rec_outbound_external created_at updated_at'
const INVITATION_COLUMNS =
  'id user_id code_hash status failure_reason send_attempts created_at sent_at used_at expires_at'
const DEVICE_COLUMNS =
  'id user_id machine_hash name platform sip_username token_hash activated_at last_seen_at revoked_at'

/** Multi-row INSERTs, kept under SQLite's oldest bound-parameter limit (999). */
async function insertRows(
  tx: Transaction,
  table: string,
  columnList: string,
  rows: readonly SqlValue[][],
): Promise<void> {
  const columns = columnList.split(' ')
  const perStatement = Math.floor(999 / columns.length)
  const tuple = `(${columns.map(() => '?').join(', ')})`
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    await tx.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      chunk.flat(),
    )
  }
}

interface InvitationExtra {
  failureReason: string
  usedAt: number
}

export interface SeedSummary {
  users: number
  withDid: number
  withInvitation: number
  withActiveDevice: number
  devices: number
}

/**
 * `count` users, every one with an application line (internal number
 * 100 + n); about half with a DID, about half invited (sent, failed, expired,
 * used by a device, or re-sent after a revoked one); a third with one or two
 * devices, some revoked, last seen over the past month.
 */
export async function seedUsers(
  db: Database,
  count: number,
  now: number,
  seed = 20_240_601,
): Promise<SeedSummary> {
  const rnd = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  const departments = Object.keys(DEPARTMENTS)
  const mailboxes = new Map<string, number>()
  const users: SqlValue[][] = []
  const numbers: SqlValue[][] = MAIN_NUMBERS.map((n) => [n, now - 400 * DAY_MS])
  const lines: SqlValue[][] = []
  const callerIds: SqlValue[][] = []
  const invitations: SqlValue[][] = []
  const devices: SqlValue[][] = []
  const summary: SeedSummary = {
    users: count,
    withDid: 0,
    withInvitation: 0,
    withActiveDevice: 0,
    devices: 0,
  }

  return db.transaction(async (tx) => {
    const first = ((await tx.get<{ n: number }>('SELECT max(id) AS n FROM users'))?.n ?? 0) + 1
    let invitationId = (await tx.get<{ n: number }>('SELECT max(id) AS n FROM invitations'))?.n ?? 0
    let deviceId = (await tx.get<{ n: number }>('SELECT max(id) AS n FROM devices'))?.n ?? 0

    const invite = (
      userId: number,
      status: string,
      createdAt: number,
      extra: Partial<InvitationExtra> = {},
    ) => {
      invitationId++
      const sent = status === 'pending' ? null : createdAt + 2_000
      invitations.push([
        invitationId,
        userId,
        hex(`seed-invitation-${invitationId}`),
        status,
        extra.failureReason ?? null,
        status === 'pending' ? 0 : 1,
        createdAt,
        status === 'failed' ? null : sent,
        extra.usedAt ?? null,
        createdAt + 7 * DAY_MS,
      ])
    }

    for (let n = 0; n < count; n++) {
      const id = first + n
      const firstName = pick(FIRST_NAMES)
      const lastName = pick(LAST_NAMES)
      const department = rnd() < 0.03 ? '' : pick(departments)
      const jobTitle = department ? pick(DEPARTMENTS[department]!) : ''
      const box = mailbox(firstName, lastName)
      const seen = (mailboxes.get(box) ?? 0) + 1
      mailboxes.set(box, seen)
      const email = `${box}${seen > 1 ? seen : ''}@company.example`
      const createdAt = now - Math.floor(rnd() * 1_000 * DAY_MS)
      const updatedAt = createdAt + Math.floor(rnd() * (now - createdAt))
      users.push([
        id,
        firstName,
        lastName,
        department,
        jobTitle,
        email,
        `u${id}`,
        createdAt,
        updatedAt,
      ])

      const did = rnd() < 0.5 ? `+4533${String(400_000 + n).padStart(6, '0')}` : null
      if (did) {
        summary.withDid++
        numbers.push([did, createdAt])
      }
      const ids = did ? [did, MAIN_NUMBERS[0]] : rnd() < 0.5 ? [MAIN_NUMBERS[0]] : []
      ids.forEach((number, position) => callerIds.push([id, number, position]))
      const flag = () => (rnd() < 0.3 ? 1 : 0)
      lines.push([
        id,
        did,
        String(100 + n),
        rnd() < 0.6 ? 1 : 0,
        ids[0] ?? null,
        flag(),
        flag(),
        flag(),
        flag(),
        createdAt,
        updatedAt,
      ])

      const r = rnd()
      const invitedAt = now - Math.floor(rnd() * 60 * DAY_MS)
      if (r < 0.3) {
        // Activated: the invitation was used, then one or two devices.
        invite(id, 'used', invitedAt, { usedAt: invitedAt + 3_600_000 })
        const deviceCount = rnd() < 0.3 ? 2 : 1
        let active = 0
        for (let d = 0; d < deviceCount; d++) {
          deviceId++
          const revoked = rnd() < 0.12 ? invitedAt + Math.floor(rnd() * 20 * DAY_MS) : null
          if (revoked === null) active++
          const platform = pick(DEVICE_PLATFORMS)
          devices.push([
            deviceId,
            id,
            hex(`seed-machine-${id}-${d}`),
            platform === 'darwin'
              ? `${firstName}'s MacBook`
              : `DESKTOP-${id.toString(36).toUpperCase()}`,
            platform,
            `d${deviceId}`,
            revoked === null ? hex(`seed-token-${deviceId}`) : null,
            invitedAt + 3_600_000,
            now - Math.floor(rnd() * 30 * DAY_MS),
            revoked,
          ])
        }
        summary.devices += deviceCount
        if (active > 0) summary.withActiveDevice++
      } else if (r < 0.45) {
        invite(id, 'sent', now - Math.floor(rnd() * 6 * DAY_MS))
      } else if (r < 0.48) {
        invite(id, 'failed', now - Math.floor(rnd() * 6 * DAY_MS), {
          failureReason: '550 5.1.1 mailbox unavailable',
        })
      } else if (r < 0.52) {
        invite(id, 'sent', now - (8 + Math.floor(rnd() * 50)) * DAY_MS) // expired unused
      } else if (r < 0.55) {
        invite(id, 'revoked', invitedAt)
        invite(id, 'sent', now - Math.floor(rnd() * 6 * DAY_MS))
      }
      if (r < 0.55) summary.withInvitation++
    }

    await insertRows(tx, 'users', USER_COLUMNS, users)
    await insertRows(tx, 'numbers', 'number created_at', numbers)
    await insertRows(tx, 'app_lines', LINE_COLUMNS, lines)
    await insertRows(tx, 'app_line_caller_ids', 'user_id number position', callerIds)
    await insertRows(tx, 'invitations', INVITATION_COLUMNS, invitations)
    await insertRows(tx, 'devices', DEVICE_COLUMNS, devices)
    return summary
  })
}
