import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { codeMailedTo, createUserWithLine } from '../fixtures/invite'

/** The admin API beyond the round trip: lists, edits, devices, deletion, audit, sessions. */
describe('admin API', () => {
  let smtp: TestSmtpServer
  let platform: TestPlatform
  let admin: ApiClient

  beforeAll(async () => {
    smtp = await startSmtpServer()
    platform = await startTestPlatform({ PHONE_SYSTEMS_SMTP_URL: smtp.url })
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
    await admin.post('/api/admin/numbers', {
      numbers: ['+4520304070', '+4520304071', '+4520304072'],
    })
  })

  afterAll(async () => {
    await platform?.dispose()
    await smtp?.close()
  })

  async function activateDevice(email: string, machine: string, skip = 0) {
    const code = await codeMailedTo(smtp, email, skip)
    const res = await new ApiClient(platform.url).post('/api/activations', {
      code,
      deviceId: machine,
      deviceName: machine,
      platform: 'linux',
    })
    expect(res.status).toBe(201)
    const client = new ApiClient(platform.url)
    client.token = res.body.deviceToken as string
    return { client, sipUser: res.body.sip.authorizationUser as string }
  }

  const subscriberCount = async (username: string) =>
    (await platform.ctx.db.all('SELECT 1 FROM subscriber WHERE username = ?', [username])).length

  it('revokes one device at once and leaves the user’s other device working', async () => {
    const id = await createUserWithLine(admin, 'two.devices@example.test', {
      didNumber: '+4520304070',
    })
    const laptop = await activateDevice('two.devices@example.test', 'machine-laptop')
    await admin.post(`/api/admin/users/${id}/invitations`)
    const desktop = await activateDevice('two.devices@example.test', 'machine-desktop', 1)

    const devices = await admin.get(`/api/admin/users/${id}/devices`)
    expect(devices.body.items).toHaveLength(2)
    const laptopDevice = devices.body.items.find(
      (d: { name: string }) => d.name === 'machine-laptop',
    )
    expect((await admin.get(`/api/admin/users/${id}`)).body.activeDevices).toBe(2)

    const revoked = await admin.delete(`/api/admin/devices/${laptopDevice.id}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.revokedAt).not.toBeNull()
    expect(await subscriberCount(laptop.sipUser)).toBe(0)
    expect(await subscriberCount(desktop.sipUser)).toBe(1)
    expect((await laptop.client.get('/api/me')).status).toBe(401)
    expect((await desktop.client.get('/api/me')).status).toBe(200)
    expect((await admin.delete(`/api/admin/devices/${laptopDevice.id}`)).status).toBe(409)

    // The softphone's `Sign out` gives up its own activation.
    expect((await desktop.client.delete('/api/me')).status).toBe(204)
    expect(await subscriberCount(desktop.sipUser)).toBe(0)
    expect((await admin.get(`/api/admin/users/${id}`)).body).toMatchObject({
      status: 'not_invited',
      activeDevices: 0,
    })
  })

  it('lets the device edit its own profile', async () => {
    await createUserWithLine(admin, 'profile@example.test')
    const { client } = await activateDevice('profile@example.test', 'machine-profile')
    const patched = await client.patch('/api/me', {
      jobTitle: '  Head of Calls ',
      department: 'Sales',
    })
    expect(patched.status).toBe(200)
    expect(patched.body.profile).toMatchObject({ jobTitle: 'Head of Calls', department: 'Sales' })
  })

  it('deletes a user, freeing the DID and dropping everything Kamailio knew', async () => {
    const id = await createUserWithLine(admin, 'leaver@example.test', {
      didNumber: '+4520304071',
      externalOutbound: true,
      callerIds: ['+4520304071'],
      defaultCallerId: '+4520304071',
    })
    const { sipUser } = await activateDevice('leaver@example.test', 'machine-leaver')
    expect((await admin.delete(`/api/admin/users/${id}`)).status).toBe(204)
    expect((await admin.get(`/api/admin/users/${id}`)).status).toBe(404)
    expect(await subscriberCount(sipUser)).toBe(0)
    for (const table of ['dbaliases', 'grp', 'sip_caller_ids']) {
      expect(
        await platform.ctx.db.all(`SELECT 1 FROM ${table} WHERE username = ?`, [`u${id}`]),
      ).toEqual([])
    }
    const free = await admin.get('/api/admin/numbers?free=true')
    expect(free.body.items.map((n: { number: string }) => n.number)).toContain('+4520304071')
    // What a search box asks for: the first matches in number order, no more.
    const firstFree = await admin.get('/api/admin/numbers?free=true&q=452030407&pageSize=2')
    expect(firstFree.body.items.map((n: { number: string }) => n.number)).toEqual(
      free.body.items
        .map((n: { number: string }) => n.number)
        .filter((n: string) => n.startsWith('+452030407'))
        .slice(0, 2),
    )
    expect(firstFree.body.items).toHaveLength(2)
    expect(firstFree.body.total).toBe(
      free.body.items.filter((n: { number: string }) => n.number.startsWith('+452030407')).length,
    )
    const taken = await admin.put(
      `/api/admin/users/${await createUserWithLine(admin, 'next@example.test')}/app-line`,
      {
        didNumber: '+4520304071',
      },
    )
    expect(taken.status).toBe(200)
    // Words find the person a number is assigned to; digits find numbers.
    const byOwner = await admin.get('/api/admin/numbers?q=next%40example')
    expect(byOwner.body).toMatchObject({
      total: 1,
      items: [{ number: '+4520304071', assignedTo: { email: 'next@example.test' } }],
    })
    const assigned = await admin.get('/api/admin/numbers?free=false&sort=number&order=desc')
    const assignedNumbers = assigned.body.items.map((n: { number: string }) => n.number)
    expect(assignedNumbers).toContain('+4520304071')
    expect(assignedNumbers).toEqual([...assignedNumbers].sort().reverse())
  })

  it('lists users with paging, search, filters and sorting', async () => {
    for (const [i, dept] of ['Support', 'Support', 'Finance'].entries()) {
      const res = await admin.post('/api/admin/users', {
        firstName: `Zed${i}`,
        lastName: `Zimmer${i}`,
        department: dept,
        email: `zed${i}@example.test`,
      })
      expect(res.status).toBe(201)
    }
    const page = await admin.get('/api/admin/users?q=zimmer&pageSize=2&sort=name&order=desc')
    expect(page.body.total).toBe(3)
    expect(page.body.items.map((u: { lastName: string }) => u.lastName)).toEqual([
      'Zimmer2',
      'Zimmer1',
    ])
    const page2 = await admin.get(
      '/api/admin/users?q=zimmer&pageSize=2&page=2&sort=name&order=desc',
    )
    expect(page2.body.items.map((u: { lastName: string }) => u.lastName)).toEqual(['Zimmer0'])
    const support = await admin.get('/api/admin/users?department=support&q=zed')
    expect(support.body.total).toBe(2)
    const notInvited = await admin.get('/api/admin/users?status=not_invited&q=zed')
    expect(notInvited.body.total).toBe(3)
    const byNumber = await admin.get('/api/admin/users?q=304070')
    expect(byNumber.body.items.map((u: { email: string }) => u.email)).toEqual([
      'two.devices@example.test',
    ])
    const literal = await admin.get(`/api/admin/users?q=${encodeURIComponent('%')}`)
    expect(literal.body.total).toBe(0)
  })

  it('edits a user and records who changed what in the audit log', async () => {
    const created = await admin.post('/api/admin/users', {
      firstName: 'Old',
      email: 'edit@example.test',
    })
    const patched = await admin.patch(`/api/admin/users/${created.body.id}`, {
      firstName: 'New',
      email: 'Edited@Example.test',
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ firstName: 'New', email: 'Edited@Example.test' })
    const audit = await admin.get(`/api/admin/audit?entityType=user&entityId=${created.body.id}`)
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'user.update',
      'user.create',
    ])
    expect(audit.body.items[0]).toMatchObject({
      actor: ADMIN.email,
      before: { firstName: 'Old', email: 'edit@example.test' },
      after: { firstName: 'New', email: 'Edited@Example.test' },
    })
    const actions = new Set(
      (await admin.get('/api/admin/audit?limit=500')).body.items.map(
        (e: { action: string }) => e.action,
      ),
    )
    for (const action of [
      'number.add',
      'user.create',
      'app_line.create',
      'invitation.create',
      'invitation.sent',
      'invitation.use',
      'device.activate',
      'device.revoke',
      'user.delete',
    ]) {
      expect(actions).toContain(action)
    }
  })

  it('runs first-run setup only while no admin exists, and signs out', async () => {
    expect((await admin.get('/api/admin/setup')).body).toEqual({ needed: false })
    const setup = await new ApiClient(platform.url).post('/api/admin/setup', {
      email: 'second@example.test',
      password: 'another long password',
    })
    expect(setup.status).toBe(409)
    const session = new ApiClient(platform.url)
    await session.signInAdmin()
    expect((await session.delete('/api/admin/session')).status).toBe(204)
    expect((await session.get('/api/admin/users')).status).toBe(401)
    const wrong = await new ApiClient(platform.url).post('/api/admin/session', {
      email: ADMIN.email,
      password: 'wrong password',
    })
    expect(wrong.status).toBe(401)
    const rows = await platform.ctx.db.all<{ token_hash: string }>(
      'SELECT token_hash FROM admin_sessions',
    )
    for (const row of rows) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/)
  })
})
