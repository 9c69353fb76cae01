import { expect, test } from '../fixtures'
import { decodeQrPng } from '../../fixtures/qr'
import { adminClient, startExtraPlatform, unique, type ExtraPlatform } from './helpers'

/**
 * A platform as first installed: no admin, no SMTP server. First-run setup
 * creates the admin; invitations land in the Outbox page, QR code and all.
 */
let fresh: ExtraPlatform

test.beforeAll(async () => {
  fresh = await startExtraPlatform({ admin: false })
})

test.afterAll(async () => {
  await fresh?.stop()
})

const FIRST = { email: 'first.admin@example.test', password: 'a long first password' }

test('first-run setup creates the admin; then the Outbox shows each invitation with its QR code', async ({
  page,
}) => {
  await page.goto(`${fresh.url}/admin`)
  await expect(page.getByRole('heading', { name: 'Set up phone.systems admin' })).toBeVisible()
  await page.getByLabel('Email').fill(FIRST.email)
  await page.getByLabel('Password', { exact: true }).fill('too short')
  await page.getByLabel('Repeat password').fill('something else')
  await page.getByRole('button', { name: 'Create admin' }).click()
  await expect(page.getByText('Password must be at least 12 characters')).toBeVisible()
  await expect(page.getByText('Repeat password does not match the password')).toBeVisible()
  await page.getByLabel('Password', { exact: true }).fill(FIRST.password)
  await page.getByLabel('Repeat password').fill(FIRST.password)
  await page.getByRole('button', { name: 'Create admin' }).click()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()

  // Setup is over: the page is not offered again (a signed-in admin lands on Users).
  await page.goto(`${fresh.url}/admin/setup`)
  await expect(page).toHaveURL(`${fresh.url}/admin/users`)
  const other = await page.context().browser()!.newPage()
  await other.goto(`${fresh.url}/admin/setup`)
  await expect(other).toHaveURL(`${fresh.url}/admin/sign-in`)
  await expect(other.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await other.close()

  const api = await adminClient(fresh.url, FIRST)
  const email = `outbox.${unique()}@example.test`
  const created = await api.post('/api/admin/users', { firstName: 'Otto', email })
  expect((await api.put(`/api/admin/users/${created.body.id}/app-line`, {})).status).toBe(200)

  await page.goto(`${fresh.url}/admin/users`)
  await page
    .getByRole('navigation', { name: 'Admin menu' })
    .getByRole('link', { name: 'Outbox' })
    .click()
  await expect(page.getByRole('heading', { name: 'Outbox', level: 1 })).toBeVisible()
  await expect(page.getByText('No SMTP server is configured')).toBeVisible()
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect(page.getByRole('button', { name: new RegExp(email) })).toBeVisible({
      timeout: 1_000,
    })
  }).toPass()
  const frame = page.frameLocator(`iframe[title="Email to ${email}"]`)
  await expect(frame.getByText('Hello Otto,')).toBeVisible()
  const qr = frame.getByRole('img', { name: 'QR code to activate the phone.systems app' })
  await expect(qr).toBeVisible()

  // The QR code on screen decodes to the activation link with the code in the text.
  const code = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/.exec(
    (await frame.locator('#authentication-code').textContent()) ?? '',
  )?.[1]
  expect(code).toBeDefined()
  expect(decodeQrPng(await qr.screenshot())).toBe(
    `${fresh.url}/activate#${code!.replaceAll('-', '')}`,
  )
})
