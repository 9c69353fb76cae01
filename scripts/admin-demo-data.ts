/**
 * A small, realistic company for the admin console's screenshots: numbers,
 * users in several departments, lines, invitations (written to the outbox),
 * activated and revoked devices and a failed invitation.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import type { ApiClient, TestPlatform } from '../test/fixtures/platform'

const CODE = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/
const HOUR = 3_600_000

export const MAIN_NUMBERS = ['+4570100100', '+4570100200']
export const DIDS = Array.from(
  { length: 16 },
  (_, i) => `+45334001${String(i + 1).padStart(2, '0')}`,
)

interface Person {
  firstName: string
  lastName: string
  department: string
  jobTitle: string
  email: string
  did?: string
  external?: boolean
  devices?: { name: string; platform: string; seenHoursAgo: number; revoked?: boolean }[]
  failed?: boolean
  noLine?: boolean
}

const PEOPLE: Person[] = [
  {
    firstName: 'Mette',
    lastName: 'Andersen',
    department: 'Sales',
    jobTitle: 'Sales Manager',
    email: 'mette.andersen@company.example',
    did: DIDS[0],
    external: true,
    devices: [
      { name: 'Mette’s MacBook', platform: 'darwin', seenHoursAgo: 0.2 },
      { name: 'DESKTOP-MA01', platform: 'win32', seenHoursAgo: 30 },
    ],
  },
  {
    firstName: 'Jonas',
    lastName: 'Berg',
    department: 'Support',
    jobTitle: 'Support Lead',
    email: 'jonas.berg@company.example',
    did: DIDS[1],
    external: true,
    devices: [{ name: 'DESKTOP-JB7Q', platform: 'win32', seenHoursAgo: 2 }],
  },
  {
    firstName: 'Priya',
    lastName: 'Khan',
    department: 'Engineering',
    jobTitle: 'Software Engineer',
    email: 'priya.khan@company.example',
    did: DIDS[2],
    devices: [
      { name: 'priya-thinkpad', platform: 'linux', seenHoursAgo: 50 },
      { name: 'Old laptop', platform: 'win32', seenHoursAgo: 400, revoked: true },
    ],
  },
  {
    firstName: 'Lars',
    lastName: 'Nielsen',
    department: 'Finance',
    jobTitle: 'Controller',
    email: 'lars.nielsen@company.example',
    did: DIDS[3],
  },
  {
    firstName: 'Sofie',
    lastName: 'Holm',
    department: 'Sales',
    jobTitle: 'Account Executive',
    email: 'sofie.holm@company.example',
    did: DIDS[4],
    external: true,
  },
  {
    firstName: 'Ahmed',
    lastName: 'Ali',
    department: 'Support',
    jobTitle: 'Support Agent',
    email: 'ahmed.ali@company.example',
    did: DIDS[5],
    failed: true,
  },
  {
    firstName: 'Giulia',
    lastName: 'Rossi',
    department: 'Marketing',
    jobTitle: 'Content Writer',
    email: 'giulia.rossi@company.example',
    noLine: true,
  },
  {
    firstName: 'Henrik',
    lastName: 'Madsen',
    department: 'Management',
    jobTitle: 'CEO',
    email: 'henrik.madsen@company.example',
    did: DIDS[6],
    external: true,
    devices: [{ name: 'Henrik’s MacBook Pro', platform: 'darwin', seenHoursAgo: 5 }],
  },
  {
    firstName: 'Ida',
    lastName: 'Lund',
    department: 'HR',
    jobTitle: 'Recruiter',
    email: 'ida.lund@company.example',
  },
  {
    firstName: 'Wei',
    lastName: 'Nguyen',
    department: 'Engineering',
    jobTitle: 'QA Engineer',
    email: 'wei.nguyen@company.example',
    did: DIDS[7],
  },
]

async function codeFor(outbox: string, email: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const names = (await readdir(outbox).catch(() => [] as string[])).filter((n) =>
      n.endsWith('.eml'),
    )
    for (const name of names.sort().reverse()) {
      const mail = await simpleParser(await readFile(path.join(outbox, name)))
      if (JSON.stringify(mail.to).includes(email)) {
        const code = CODE.exec(mail.text ?? '')?.[1]
        if (code) return code
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no invitation mailed to ${email}`)
}

function expectOk(res: { status: number; body: unknown }, what: string): void {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`)
}

/** Fills the platform with PEOPLE through its API (and, where no API can, SQL). */
export async function seedDemoCompany(platform: TestPlatform, admin: ApiClient): Promise<void> {
  expectOk(
    await admin.post('/api/admin/numbers', { numbers: [...MAIN_NUMBERS, ...DIDS] }),
    'numbers',
  )
  const outbox = path.join(platform.dataDir, 'outbox')
  for (const p of PEOPLE) {
    const created = await admin.post('/api/admin/users', {
      firstName: p.firstName,
      lastName: p.lastName,
      department: p.department,
      jobTitle: p.jobTitle,
      email: p.email,
    })
    expectOk(created, `create ${p.email}`)
    const id = created.body.id as number
    if (p.noLine) continue
    const line = await admin.put(`/api/admin/users/${id}/app-line`, {
      didNumber: p.did ?? null,
      externalOutbound: p.external ?? false,
      callerIds: p.did ? [p.did, MAIN_NUMBERS[0]] : [MAIN_NUMBERS[0]],
      defaultCallerId: p.did ?? MAIN_NUMBERS[0],
      recording: { inboundExternal: Boolean(p.external), outboundExternal: Boolean(p.external) },
    })
    expectOk(line, `line of ${p.email}`)
    for (const [n, device] of (p.devices ?? []).entries()) {
      if (n > 0) expectOk(await admin.post(`/api/admin/users/${id}/invitations`), 'resend')
      await new Promise((resolve) => setTimeout(resolve, 30))
      const code = await codeFor(outbox, p.email)
      const res = await admin.post('/api/activations', {
        code,
        deviceId: `demo-machine-${id}-${n}`,
        deviceName: device.name,
        platform: device.platform,
      })
      expectOk(res, `activate ${device.name}`)
      const deviceId = (await platform.ctx.db.get<{ id: number }>(
        'SELECT max(id) AS id FROM devices WHERE user_id = ?',
        [id],
      ))!.id
      await platform.ctx.db.transaction((tx) =>
        tx.run('UPDATE devices SET last_seen_at = ? WHERE id = ?', [
          Date.now() - device.seenHoursAgo * HOUR,
          deviceId,
        ]),
      )
      if (device.revoked) expectOk(await admin.delete(`/api/admin/devices/${deviceId}`), 'revoke')
    }
    if (p.failed) {
      // After the dispatcher has marked it sent, or it would overwrite the failure.
      while (
        (
          await platform.ctx.db.get<{ status: string }>(
            'SELECT status FROM invitations WHERE user_id = ? ORDER BY id DESC LIMIT 1',
            [id],
          )
        )?.status !== 'sent'
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await platform.ctx.db.transaction((tx) =>
        tx.run(
          `UPDATE invitations SET status = 'failed', sent_at = NULL,
             failure_reason = '550 5.1.1 <ahmed.ali@company.example>: Recipient address rejected'
           WHERE user_id = ?`,
          [id],
        ),
      )
    }
  }
}
