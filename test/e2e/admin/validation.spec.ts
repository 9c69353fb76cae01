import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures'
import { addNumbers, createUser, newDid, signIn, unique } from './helpers'

/** Acceptance 2: each mistake gets a clear message at its field, and nothing is half-saved. */

async function openCreateUser(page: Page) {
  await page.getByRole('button', { name: 'Add user' }).click()
  await page.getByRole('menuitem', { name: 'Create new' }).click()
  await expect(page.getByRole('heading', { name: 'Create User' })).toBeVisible()
}

test('an empty, invalid or already used email is refused at the Email field', async ({
  page,
  platform,
}) => {
  const taken = `taken.${unique()}@example.test`
  await createUser(platform, { email: taken })
  const before = (await platform.api.get('/api/admin/users?pageSize=1')).body.total as number

  await signIn(page, platform.url)
  await openCreateUser(page)
  const email = page.getByLabel('Email')
  await page.getByLabel('First Name').fill('Nobody')

  // Empty: refused before any request.
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByText('Email is required')).toBeVisible()
  await expect(email).toBeFocused()
  await expect(email).toHaveAttribute('aria-invalid', 'true')

  // Invalid: said as soon as the field is left, gone once it is right.
  await email.fill('nobody@')
  await email.blur()
  await expect(page.getByText('Email must be a valid email address')).toBeVisible()
  await email.fill('nobody@example.test')
  await expect(page.getByText('Email must be a valid email address')).toBeHidden()

  // Already used (in other capitals): the platform's 409, shown at the field.
  await email.fill(taken.toUpperCase())
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByText('Email is already used by another user')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Create User' })).toBeVisible()

  expect((await platform.api.get('/api/admin/users?pageSize=1')).body.total).toBe(before)
})

test('a DID taken by another admin meanwhile keeps the admin on the form; nothing half-saved', async ({
  page,
  platform,
}) => {
  const contested = newDid()
  const other = newDid()
  await addNumbers(platform, [contested, other])
  const email = `late.${unique()}@example.test`

  await signIn(page, platform.url)
  await openCreateUser(page)
  await page.getByLabel('First Name').fill('Late')
  await page.getByLabel('Last Name').fill('Comer')
  await page.getByLabel('Email').fill(email)
  await page.getByRole('button', { name: 'Next' }).click()
  await expect(page.getByRole('heading', { name: 'Edit App Configuration' })).toBeVisible()
  await page.getByLabel('DID Number').fill(contested.slice(3))
  await page.getByRole('option', { name: contested }).click()

  // Meanwhile another admin gives the same DID to someone else.
  await createUser(
    platform,
    { email: `quick.${unique()}@example.test`, firstName: 'Quick', lastName: 'Admin' },
    { didNumber: contested },
  )
  await page.getByRole('button', { name: 'Save' }).click()

  await expect(
    page.getByText(`DID Number ${contested} is already assigned to Quick Admin`),
  ).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Edit App Configuration' })).toBeVisible()
  await expect(page.getByLabel('DID Number')).toBeFocused()
  // The user exists, without a line and without an invitation.
  const user = (await platform.api.get(`/api/admin/users?q=${encodeURIComponent(email)}`)).body
    .items[0]
  expect(user).toMatchObject({ line: null, invitation: null, status: 'not_invited' })
  expect(platform.smtp.messages.some((m) => JSON.stringify(m.to).includes(email))).toBe(false)

  // Another DID, and Save goes through.
  await page.getByLabel('DID Number').fill(other.slice(3))
  await page.getByRole('option', { name: other }).click()
  await expect(page.getByText(/is already assigned/)).toBeHidden()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible()
  const saved = (await platform.api.get(`/api/admin/users/${user.id}`)).body
  expect(saved.line.didNumber).toBe(other)
  // The caller ID that was the contested DID followed the DID.
  expect(saved.line.callerIds).toEqual([other])
  expect(saved.status).toBe('invited')
})

test('an internal number typed before the suggestion arrives is kept', async ({
  page,
  platform,
}) => {
  const id = await createUser(platform, { email: `early.${unique()}@example.test` })
  await signIn(page, platform.url)
  // The platform's suggestion, held back until the admin has typed (the answer itself is real).
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/api/admin/internal-numbers/next', async (route) => {
    await held
    await route.continue()
  })
  const suggested = page.waitForResponse('**/api/admin/internal-numbers/next')
  await page.goto(`${platform.url}/admin/users/${id}/app-configuration`)
  await page.getByLabel('Internal number').fill('4711')
  release()
  await suggested
  await expect(page.getByLabel('Internal number')).toHaveValue('4711')
})

test('a bad internal number is refused at its field before saving', async ({ page, platform }) => {
  const id = await createUser(platform, { email: `ext.${unique()}@example.test` })
  await signIn(page, platform.url)
  await page.goto(`${platform.url}/admin/users/${id}/app-configuration`)
  await page.getByLabel('Internal number').fill('0123')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(
    page.getByText('Internal number must be 2 to 6 digits, not starting with 0'),
  ).toBeVisible()
  expect((await platform.api.get(`/api/admin/users/${id}`)).body.line).toBeNull()
})
