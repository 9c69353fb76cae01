import { readFile } from 'node:fs/promises'
import { expect, test } from '../fixtures'
import { ApiClient } from '../../fixtures/platform'
import {
  addNumbers,
  codesMailedTo,
  createUser,
  findUserRow,
  newDid,
  rowAction,
  signIn,
  unique,
} from './helpers'

/** Acceptance 3: the row actions, each end to end through the console and the platform. */

async function activate(url: string, code: string, deviceName: string) {
  const res = await new ApiClient(url).post('/api/activations', {
    code,
    deviceId: `machine-${unique()}`,
    deviceName,
    platform: 'linux',
  })
  return res
}

test('Send Invite to app shows when the current code expires and sends a new one', async ({
  page,
  platform,
}) => {
  const email = `resend.${unique()}@example.test`
  const id = await createUser(platform, { email, firstName: 'Re', lastName: 'Send' }, {})
  const [firstCode] = await codesMailedTo(platform.smtp, email)
  const expiresAt = (await platform.api.get(`/api/admin/users/${id}`)).body.invitation.expiresAt

  await signIn(page, platform.url)
  await rowAction(page, email, 'Send Invite to app')
  const dialog = page.getByRole('dialog', { name: 'Send Invite to app' })
  await expect(dialog).toContainText(email)
  const shown = await page.evaluate(
    (iso) =>
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(iso),
      ),
    expiresAt as string,
  )
  await expect(dialog).toContainText(`The current code expires on ${shown}.`)
  await dialog.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible()

  const codes = await codesMailedTo(platform.smtp, email, 2)
  expect(codes[1]).not.toBe(firstCode)
  // The old code is dead, the new one activates.
  expect((await activate(platform.url, firstCode!, 'Old code')).status).toBe(400)
  expect((await activate(platform.url, codes[1]!, 'New code')).status).toBe(201)
})

test('Devices lists the activated devices and revokes one after confirmation', async ({
  page,
  platform,
}) => {
  const email = `devices.${unique()}@example.test`
  await createUser(platform, { email, firstName: 'Dev', lastName: 'Ices' }, {})
  const [code] = await codesMailedTo(platform.smtp, email)
  const activated = await activate(platform.url, code!, 'Test Laptop')
  expect(activated.status).toBe(201)
  const device = new ApiClient(platform.url)
  device.token = activated.body.deviceToken as string

  await signIn(page, platform.url)
  const row = await findUserRow(page, email)
  await expect(row).toContainText('Active on 1 device')
  await rowAction(page, email, 'Devices')
  const dialog = page.getByRole('dialog', { name: 'Devices of Dev Ices' })
  const deviceRow = dialog.getByRole('row').filter({ hasText: 'Test Laptop' })
  await expect(deviceRow).toContainText('Linux')
  await deviceRow.getByRole('button', { name: 'Revoke Test Laptop' }).click()

  // Cancel first: nothing happens.
  const confirm = page.getByRole('alertdialog', { name: 'Revoke device' })
  await expect(confirm).toContainText('Revoke Test Laptop?')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  expect((await device.get('/api/me')).status).toBe(200)

  await deviceRow.getByRole('button', { name: 'Revoke Test Laptop' }).click()
  await confirm.getByRole('button', { name: 'Revoke' }).click()
  await expect(deviceRow).toContainText('Revoked')
  await expect(deviceRow.getByRole('button', { name: /Revoke/ })).toHaveCount(0)
  expect((await device.get('/api/me')).status).toBe(401)
  await page.keyboard.press('Escape')
  await expect(row).toContainText('Not invited')
})

test('Delete removes the user after confirmation and frees the DID', async ({ page, platform }) => {
  const did = newDid()
  await addNumbers(platform, [did])
  const email = `delete.${unique()}@example.test`
  const id = await createUser(
    platform,
    { email, firstName: 'Del', lastName: 'Ete' },
    { didNumber: did },
  )

  await signIn(page, platform.url)
  await rowAction(page, email, 'Delete')
  const confirm = page.getByRole('alertdialog', { name: 'Delete user' })
  await expect(confirm).toContainText(`${did} becomes a free number`)
  await confirm.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('Del Ete deleted')).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: email })).toHaveCount(0)

  expect((await platform.api.get(`/api/admin/users/${id}`)).status).toBe(404)
  const free = await platform.api.get(`/api/admin/numbers?free=true&q=${did.slice(1)}`)
  expect(free.body.items.map((n: { number: string }) => n.number)).toEqual([did])
})

test('CSV import reports bad rows, imports nothing until they are fixed; export downloads users', async ({
  page,
  platform,
}) => {
  const tag = unique()
  const taken = `already.${tag}@example.test`
  await createUser(platform, { email: taken })
  const good = [`emil.${tag}@example.test`, `olga.${tag}@example.test`]
  const csv = [
    'First Name;Last Name;Department;Job Title;Email',
    `Emil;Friis;Logistics ${tag};Dispatcher;${good[0]}`,
    `Nanna;Krogh;Logistics ${tag};Planner;nanna.${tag}@example`,
    `Mads;Skov;Logistics ${tag};Lead;${taken}`,
    `Olga;Bach;Logistics ${tag};Coordinator;${good[1]}`,
  ].join('\n')

  await signIn(page, platform.url)
  await page.getByRole('button', { name: 'Add user' }).click()
  await page.getByRole('menuitem', { name: 'Import from CSV' }).click()
  await expect(page.getByRole('heading', { name: 'Import users' })).toBeVisible()
  await page.getByLabel('CSV file').setInputFiles({
    name: 'users.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  })

  const report = page.getByRole('table', { name: 'Import report' })
  await expect(page.getByText('2 of 4 rows have errors')).toBeVisible()
  await expect(report.getByRole('row').filter({ hasText: `nanna.${tag}` })).toContainText(
    'Email must be a valid email address',
  )
  await expect(report.getByRole('row').filter({ hasText: taken })).toContainText(
    'Email is already used by another user',
  )
  await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled()
  const byDepartment = () =>
    platform.api.get(`/api/admin/users?department=${encodeURIComponent(`Logistics ${tag}`)}`)
  expect((await byDepartment()).body.total).toBe(0)

  // Fix the file in place: drop the taken row, correct the address.
  const fixed = csv
    .split('\n')
    .filter((line) => !line.includes(taken))
    .join('\n')
    .replace(`nanna.${tag}@example`, `nanna.${tag}@example.test`)
  await page.getByLabel('CSV content').fill(fixed)
  await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled()
  await page.getByRole('button', { name: 'Check file' }).click()
  await expect(page.getByText('All 3 rows are fine')).toBeVisible()
  await page.getByRole('button', { name: 'Import 3 users' }).click()
  await expect(page.getByText('Imported 3 users')).toBeVisible()
  expect((await byDepartment()).body.total).toBe(3)

  // Export: the file the browser downloads lists every user, these among them.
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/)
  const text = await readFile((await file.path())!, 'utf8')
  expect(text.split('\r\n')[0]).toContain('First Name,Last Name,Department,Job Title,Email')
  for (const email of [...good, `nanna.${tag}@example.test`]) expect(text).toContain(email)
})
