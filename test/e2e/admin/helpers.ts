import type { Page } from '@playwright/test'
import { expect, type E2ePlatform } from '../fixtures'
import { ADMIN, ApiClient } from '../../fixtures/platform'
import { startBuiltServer } from '../built-server'
import type { TestSmtpServer } from '../../fixtures/smtp-server'

/** Helpers the admin console specs share: sign-in, unique test data, extra platforms. */

let counter = 0
/** A suffix no other test of this worker's platform uses. */
export function unique(): string {
  counter += 1
  return `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}${counter}`
}

/** A valid Copenhagen number (+45 33 xx xx xx) that is very unlikely to be in use yet. */
export function newDid(): string {
  counter += 1
  const digits = 100_000 + ((Math.floor(Math.random() * 9_000) * 100 + counter) % 900_000)
  return `+4533${digits}`
}

/** Adds numbers to the company's inventory through the API. */
export async function addNumbers(platform: E2ePlatform, numbers: string[]): Promise<void> {
  const res = await platform.api.post('/api/admin/numbers', { numbers })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
}

/** Creates a user (and, given `line`, the line, which mails an invitation) through the API. */
export async function createUser(
  platform: E2ePlatform,
  fields: { email: string; firstName?: string; lastName?: string; department?: string },
  line?: Record<string, unknown>,
): Promise<number> {
  const created = await platform.api.post('/api/admin/users', {
    firstName: 'Test',
    lastName: 'User',
    ...fields,
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  if (line) {
    const saved = await platform.api.put(`/api/admin/users/${created.body.id}/app-line`, line)
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  }
  return created.body.id as number
}

const CODE = /\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b/

/** The authentication codes mailed to `email` so far (oldest first), waiting for at least `count`. */
export async function codesMailedTo(
  smtp: TestSmtpServer,
  email: string,
  count = 1,
): Promise<string[]> {
  const mine = () => smtp.messages.filter((m) => JSON.stringify(m.to).includes(email))
  await smtp.waitForMessage(() => mine().length >= count)
  return mine().map((m) => CODE.exec(m.text ?? '')?.[1] ?? '')
}

/** Signs in through the sign-in page and waits for Users. */
export async function signIn(page: Page, url: string, credentials = ADMIN): Promise<void> {
  await page.goto(`${url}/admin/sign-in`)
  await page.getByLabel('Email').fill(credentials.email)
  await page.getByLabel('Password').fill(credentials.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()
}

/** Narrows Users to one person by typing their email into Search; returns their row. */
export async function findUserRow(page: Page, email: string) {
  await page.getByLabel('Search').fill(email)
  const row = page.getByRole('row').filter({ hasText: email })
  await expect(row).toHaveCount(1)
  return row
}

/** Opens the row's `Actions` menu and picks `item`. */
export async function rowAction(page: Page, email: string, item: string): Promise<void> {
  const row = await findUserRow(page, email)
  await row.getByRole('button', { name: 'Actions' }).click()
  await page.getByRole('menuitem', { name: item, exact: true }).click()
}

export interface ExtraPlatform {
  url: string
  dataDir: string
  stop(): Promise<void>
}

/**
 * A second built platform for what the worker's cannot show: first-run setup
 * (no admin configured) and the Outbox (no SMTP configured).
 */
export async function startExtraPlatform(opts: { admin: boolean }): Promise<ExtraPlatform> {
  const { url, dataDir, stop } = await startBuiltServer(opts)
  return { url, dataDir, stop }
}

/** An API client signed in on another platform. */
export async function adminClient(url: string, credentials = ADMIN): Promise<ApiClient> {
  const api = new ApiClient(url)
  await api.signInAdmin(credentials)
  return api
}
