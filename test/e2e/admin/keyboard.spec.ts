import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../fixtures'
import { addNumbers, findUserRow, newDid, signIn, unique } from './helpers'

/** Presses Tab until `target` has the focus, as a keyboard user moves through a form. */
async function tabTo(page: Page, target: Locator, most = 6): Promise<void> {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return
    await page.keyboard.press('Tab')
  }
  await expect(target).toBeFocused()
}

/** The seed's steps with the keyboard alone: menus, fields, suggestions, switches, dialogs. */
test('an admin creates and invites a user without the mouse', async ({ page, platform }) => {
  const did = newDid()
  await addNumbers(platform, [did])
  const email = `keys.${unique()}@example.test`
  await signIn(page, platform.url)

  await page.getByRole('button', { name: 'Add user' }).focus()
  await page.keyboard.press('Enter')
  // PrimeVue's menu takes the focus; arrows move the current item (aria-activedescendant).
  await expect(page.getByRole('menu')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menu')).toHaveAttribute('aria-activedescendant', /_0$/)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Create User' })).toBeVisible()

  await page.getByLabel('First Name').focus()
  await page.keyboard.type('Kay')
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Last Name')).toBeFocused()
  await page.keyboard.type('Board')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByLabel('Email')).toBeFocused()
  await page.keyboard.type(email)
  await page.keyboard.press('Tab')
  const lineSwitch = page.getByLabel('Configure application line in the next step')
  await expect(lineSwitch).toBeFocused()
  await page.keyboard.press('Space')
  await expect(lineSwitch).not.toBeChecked()
  await page.keyboard.press('Space')
  await expect(lineSwitch).toBeChecked()
  await page.getByLabel('Email').press('Enter')

  await expect(page.getByRole('heading', { name: 'Edit App Configuration' })).toBeVisible()
  await page.getByLabel('DID Number').focus()
  await page.keyboard.type(did.slice(3))
  // Each keystroke searches: wait for the answer to the whole number (only
  // it matches), or a later answer replaces the list under the arrow key.
  await expect(page.getByRole('option')).toHaveCount(1)
  await expect(page.getByRole('option', { name: did })).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.getByLabel('DID Number')).toHaveValue(did)
  await expect(page.getByRole('listbox')).toBeHidden()
  await tabTo(page, page.getByLabel('Enable External Outbound Calls'))
  await page.keyboard.press('Space')
  await expect(page.getByLabel('Enable External Outbound Calls')).toBeChecked()
  await page.keyboard.press('Shift+Tab')
  await expect(page.getByLabel('Internal number')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible()

  // Row actions: the menu and the dialog open, move and close with keys.
  const row = await findUserRow(page, email)
  await row.getByRole('button', { name: 'Actions' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('menu')).toBeFocused()
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menu')).toHaveAttribute('aria-activedescendant', /_3$/)
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Devices of Kay Board' })
  await expect(dialog).toContainText('not been activated on any device yet')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})
