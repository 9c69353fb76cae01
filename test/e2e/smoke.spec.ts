import { expect, test } from './fixtures'

test('the platform serves the softphone and the admin console', async ({ page, platform }) => {
  await page.goto(`${platform.url}/`)
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await page.goto(`${platform.url}/admin`)
  await expect(page.getByRole('heading', { name: /admin/ })).toBeVisible()
})
