import { expect, test } from '../fixtures'
import { ADMIN } from '../../fixtures/platform'
import { addNumbers, createUser, newDid, signIn, unique } from './helpers'

/** What admins expect around the seed's flow: the list, Numbers, Audit log, sign-in and out. */

test('Users: search as you type, filter by status and department, sort', async ({
  page,
  platform,
}) => {
  const tag = unique()
  const department = `Dept ${tag}`
  const did = newDid()
  await addNumbers(platform, [did])
  await createUser(platform, { email: `b.${tag}@example.test`, lastName: 'Bravo', department })
  await createUser(
    platform,
    { email: `a.${tag}@example.test`, lastName: 'Alpha', department },
    { didNumber: did },
  )
  await createUser(platform, { email: `c.${tag}@example.test`, lastName: 'Charlie' })

  await signIn(page, platform.url)
  const rows = page.getByRole('table', { name: 'Users' }).locator('tbody tr')
  await page.getByLabel('Search').pressSequentially(tag)
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toContainText('Alpha')

  // Numbers are searched too: the DID finds its user.
  await page.getByLabel('Search').fill(did.slice(-6))
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(`a.${tag}@`)

  await page.getByLabel('Search').fill(tag)
  await page.getByRole('combobox', { name: 'Department' }).click()
  await page.getByRole('option', { name: department }).click()
  await expect(rows).toHaveCount(2)
  await page.getByRole('combobox', { name: 'Status' }).click()
  await page.getByRole('option', { name: 'Not invited' }).click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Bravo')
  await expect(rows.first()).toContainText('Not invited')

  await page.getByRole('combobox', { name: 'Status' }).click()
  await page.getByRole('option', { name: 'All statuses' }).click()
  await page.getByRole('columnheader', { name: 'Email' }).click()
  await expect(rows.first()).toContainText(`a.${tag}@`)
  await page.getByRole('columnheader', { name: 'Email' }).click()
  await expect(rows.first()).toContainText(`b.${tag}@`)
  await expect(page.getByRole('columnheader', { name: 'Email' })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
})

test('Numbers: Add numbers reports each bad line and adds nothing; release a free number', async ({
  page,
  platform,
}) => {
  const [a, b, c, assigned] = [newDid(), newDid(), newDid(), newDid()]
  await addNumbers(platform, [assigned])
  await createUser(
    platform,
    { email: `owner.${unique()}@example.test`, firstName: 'Num', lastName: 'Owner' },
    { didNumber: assigned },
  )
  await signIn(page, platform.url)
  await page.getByRole('link', { name: 'Numbers' }).click()
  await expect(page.getByRole('heading', { name: 'Numbers' })).toBeVisible()

  await page.getByRole('button', { name: 'Add numbers' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add numbers' })
  await dialog.getByLabel('Phone numbers').fill(`${a}\n${b}, 12345\n\nnot a number`)
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(dialog).toContainText('Line 2: "12345" is not a valid phone number')
  await expect(dialog).toContainText('Line 4: "not a number" is not a valid phone number')
  const known = async (n: string) =>
    (await platform.api.get(`/api/admin/numbers?q=${n.slice(1)}`)).body.items.length
  expect(await known(a)).toBe(0)

  await dialog.getByLabel('Phone numbers').fill(`${a}\n${b}, ${c}`)
  await dialog.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(page.getByText('Added 3 numbers')).toBeVisible()
  await expect(dialog).toBeHidden()

  await page.getByLabel('Search numbers').fill(assigned.slice(1))
  const assignedRow = page.getByRole('row').filter({ hasText: assigned })
  await expect(assignedRow).toContainText('Num Owner')
  await expect(assignedRow.getByRole('button', { name: /Release/ })).toHaveCount(0)

  await page.getByLabel('Search numbers').fill(b.slice(1))
  await page.getByRole('button', { name: `Release ${b}` }).click()
  await page
    .getByRole('alertdialog', { name: 'Release number' })
    .getByRole('button', {
      name: 'Release',
    })
    .click()
  await expect(page.getByText(`${b} released`)).toBeVisible()
  await expect(page.getByRole('row').filter({ hasText: b })).toHaveCount(0)
  expect(await known(b)).toBe(0)
  expect(await known(c)).toBe(1)
})

test('Audit log: who did what and when, filtered by action and by who', async ({
  page,
  platform,
}) => {
  const email = `audited.${unique()}@example.test`
  await createUser(platform, { email, firstName: 'Audi', lastName: 'Ted' })
  await signIn(page, platform.url)
  await page.getByRole('link', { name: 'Audit log' }).click()
  const table = page.getByRole('table', { name: 'Audit log' })
  await expect(table.locator('tbody tr').first()).toBeVisible()

  await page.getByRole('combobox', { name: 'Action' }).click()
  await page.getByRole('option', { name: 'User created' }).click()
  const row = table.locator('tbody tr').filter({ hasText: email })
  await expect(row).toContainText(ADMIN.email)
  await expect(row).toContainText('First Name: Audi')
  for (const text of await table.locator('tbody tr td:nth-child(3)').allTextContents()) {
    expect(text).toBe('User created')
  }

  await page.getByLabel('Who').fill('system')
  await page.getByLabel('Who').press('Enter')
  await expect(table).toContainText('No entries match.')
})

test('sign-in refuses a wrong password, Sign out ends the session', async ({ page, platform }) => {
  await page.goto(`${platform.url}/admin/users`)
  await expect(page).toHaveURL(/\/admin\/sign-in\?redirect=/)
  await expect(page.getByRole('heading', { name: 'phone.systems admin' })).toBeVisible()
  await page.getByLabel('Email').fill(ADMIN.email)
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Email or password is wrong')).toBeVisible()

  await page.getByLabel('Password').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
  await expect(page).toHaveURL(`${platform.url}/admin/users`)
  // Runs in the page; this file is typed for Node, so the Web Storage API is spelled out.
  const token = await page.evaluate(() =>
    (
      globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
    ).sessionStorage.getItem('phone-systems.admin-session'),
  )
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  // The token is dead on the platform too, not just forgotten by the page.
  const old = JSON.parse(token!) as { token: string }
  const res = await fetch(`${platform.url}/api/admin/users`, {
    headers: { authorization: `Bearer ${old.token}` },
  })
  expect(res.status).toBe(401)
})

test('a session ended on the platform sends the admin to sign in, and back to the page after', async ({
  page,
  platform,
}) => {
  await signIn(page, platform.url)
  const stored = await page.evaluate(() =>
    (
      globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
    ).sessionStorage.getItem('phone-systems.admin-session'),
  )
  // Signed out elsewhere (another tab, or the session timed out): the token is dead.
  const { token } = JSON.parse(stored!) as { token: string }
  const ended = await fetch(`${platform.url}/api/admin/session`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  })
  expect(ended.ok).toBe(true)

  // Opening Users fetches its rows before the page is drawn: that answer is a 401.
  await page.goto(`${platform.url}/admin/users`)
  await expect(page).toHaveURL(/\/admin\/sign-in\?redirect=/)
  await expect(page.getByText('Your session has ended. Sign in again to continue.')).toBeVisible()
  await page.getByLabel('Email').fill(ADMIN.email)
  await page.getByLabel('Password').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
  await expect(page).toHaveURL(`${platform.url}/admin/users`)
})
