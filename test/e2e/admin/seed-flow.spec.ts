import { expect, test } from '../fixtures'
import { decodeQrPng } from '../../fixtures/qr'
import { addNumbers, codesMailedTo, findUserRow, newDid, signIn, unique } from './helpers'

/**
 * Acceptance 1: the seed's admin steps, by the labels of the seed and
 * DESIGN.md §6, ending with the invitation received by the real SMTP server.
 */
test('Users → + → Create new → Create User → Next → Edit App Configuration → Save invites the user', async ({
  page,
  platform,
}) => {
  const did = newDid()
  const main = newDid()
  await addNumbers(platform, [did, main])
  const email = `ada.${unique()}@example.test`
  const { internalNumber } = (await platform.api.get('/api/admin/internal-numbers/next')).body

  await signIn(page, platform.url)
  await page
    .getByRole('navigation', { name: 'Admin menu' })
    .getByRole('link', { name: 'Users' })
    .click()
  await page.getByRole('button', { name: 'Add user' }).click()
  await page.getByRole('menuitem', { name: 'Create new' }).click()

  await expect(page.getByRole('heading', { name: 'Create User' })).toBeVisible()
  await page.getByLabel('First Name').fill('Ada')
  await page.getByLabel('Last Name').fill('Lovelace')
  await page.getByLabel('Department').fill('Engineering')
  await page.getByLabel('Job Title').fill('Analyst')
  await page.getByLabel('Email').fill(email)
  const lineSwitch = page.getByLabel('Configure application line in the next step')
  await expect(lineSwitch).toBeChecked()
  await page.getByRole('button', { name: 'Next' }).click()

  await expect(page.getByRole('heading', { name: 'Edit App Configuration' })).toBeVisible()
  for (const group of ['Inbound Calls', 'Outbound Calls', 'Call Recording']) {
    await expect(page.getByRole('group', { name: group })).toBeVisible()
  }
  // The next free internal number is suggested.
  await expect(page.getByLabel('Internal number')).toHaveValue(internalNumber)
  // DID Number lists free numbers only, searchable by digits.
  await page.getByLabel('DID Number').fill(did.slice(3))
  await page.getByRole('option', { name: did }).click()
  await expect(page.getByLabel('DID Number')).toHaveValue(did)
  await page.getByLabel('Enable External Outbound Calls').check()
  // Caller IDs: the DID is preselected; add the main number and make it the default.
  await page.getByLabel('Caller IDs').fill(main.slice(3))
  await page.getByRole('option', { name: main }).click()
  const defaults = page.getByRole('group', { name: 'Default caller ID' })
  await expect(defaults.getByRole('radio', { name: did })).toBeChecked()
  await defaults.getByRole('radio', { name: main }).check()
  await page.getByLabel('Inbound External').check()
  await page.getByLabel('Outbound External').check()
  await page.getByRole('button', { name: 'Save' }).click()

  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
  const row = await findUserRow(page, email)
  await expect(row).toContainText('Invited')
  await expect(row).toContainText(did)
  await expect(row).toContainText(internalNumber)
  await expect(row).toContainText('Engineering')

  // The real SMTP server got the invitation: QR code of the activation link and the code.
  const mail = await platform.smtp.waitForMessage((m) => JSON.stringify(m.to).includes(email))
  const [code] = await codesMailedTo(platform.smtp, email)
  const qr = mail.attachments.find((a) => a.contentType === 'image/png')
  expect(qr).toBeDefined()
  expect(decodeQrPng(qr!.content)).toBe(`${platform.url}/activate#${code!.replaceAll('-', '')}`)

  // What the form saved is what the platform holds.
  const list = await platform.api.get(`/api/admin/users?q=${encodeURIComponent(email)}`)
  expect(list.body.items[0].line).toMatchObject({
    didNumber: did,
    internalNumber,
    externalOutbound: true,
    callerIds: [did, main],
    defaultCallerId: main,
    recording: {
      inboundInternal: false,
      inboundExternal: true,
      outboundInternal: false,
      outboundExternal: true,
    },
  })
})

test('with the switch off the user is saved without a line and not invited', async ({
  page,
  platform,
}) => {
  const email = `no.line.${unique()}@example.test`
  await signIn(page, platform.url)
  await page.getByRole('button', { name: 'Add user' }).click()
  await page.getByRole('menuitem', { name: 'Create new' }).click()
  await page.getByLabel('First Name').fill('Grace')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Configure application line in the next step').uncheck()
  await page.getByRole('button', { name: 'Save' }).click()

  await expect(page.getByText('Saved without an application line')).toBeVisible()
  const row = await findUserRow(page, email)
  await expect(row).toContainText('Not invited')
  const user = (await platform.api.get(`/api/admin/users?q=${encodeURIComponent(email)}`)).body
    .items[0]
  expect(user).toMatchObject({ status: 'not_invited', line: null, invitation: null })
  expect(platform.smtp.messages.some((m) => JSON.stringify(m.to).includes(email))).toBe(false)
})
