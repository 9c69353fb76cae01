import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN, ApiClient, startTestPlatform, type TestPlatform } from '../fixtures/platform'
import { postFrom } from '../fixtures/local-address'
import { startSmtpServer, type TestSmtpServer } from '../fixtures/smtp-server'
import { codeMailedTo, createUserWithLine } from '../fixtures/invite'
import { generateActivationCode } from '@shared/activation-code'
import { INVALID_CODE_MESSAGE } from '../../electron/platform/activation/service'
import {
  ACTIVATION_PER_ADDRESS,
  ACTIVATION_PER_ADDRESS_AND_PREFIX,
  SIGN_IN_PER_ADDRESS_AND_ACCOUNT,
} from '../../electron/platform/security/limits'

type Answer = Awaited<ReturnType<typeof postFrom>>

/** Every 400 is the wrong-code answer (a guess that was tried), not a schema error. */
function expectTried(answers: Answer[]) {
  for (const a of answers.filter((x) => x.status === 400)) {
    expect((a.body as { message: string }).message).toBe(INVALID_CODE_MESSAGE)
  }
}

function statuses(answers: Answer[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1
  return counts
}

/**
 * Issue 11, item 3: guesses sent all at once must be counted like guesses sent
 * one after the other (the limiter counted a failure only after the awaited
 * check, so 50 parallel wrong passwords were all checked), and a guesser must
 * not lock the real admin, or a whole office, out.
 */
// Generous: without the limits, fifty real scrypt hashes on a shared CPU take a minute.
describe('attempt limits against parallel guesses', { timeout: 120_000 }, () => {
  let smtp: TestSmtpServer
  let platform: TestPlatform
  let admin: ApiClient

  beforeAll(async () => {
    smtp = await startSmtpServer()
    platform = await startTestPlatform({ PHONE_SYSTEMS_SMTP_URL: smtp.url })
    admin = new ApiClient(platform.url)
    await admin.signInAdmin()
  })

  afterAll(async () => {
    await platform?.dispose()
    await smtp?.close()
  })

  it('50 parallel wrong passwords: at most 5 are checked; the right one from another address still works', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postFrom('127.0.0.1', `${platform.url}/api/admin/session`, {
          email: ADMIN.email,
          password: `wrong password ${i}`,
        }),
      ),
    )
    const counts = statuses(answers)
    console.log(`50 parallel wrong sign-ins from one address: ${JSON.stringify(counts)}`)
    expect(counts[401] ?? 0).toBeLessThanOrEqual(SIGN_IN_PER_ADDRESS_AND_ACCOUNT.max)
    expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(50)

    // The guessing address is locked out of this account, even with the right password…
    expect((await postFrom('127.0.0.1', `${platform.url}/api/admin/session`, ADMIN)).status).toBe(
      429,
    )
    // …the owner, elsewhere, is not.
    const owner = await postFrom('127.0.0.2', `${platform.url}/api/admin/session`, ADMIN)
    expect(owner.status).toBe(200)
  })

  it('200 parallel wrong activation codes: at most the per-address budget is tried; a colleague behind the same address still activates', async () => {
    await createUserWithLine(admin, 'colleague@example.test')
    const good = await codeMailedTo(smtp, 'colleague@example.test')
    const goodPrefix = good.split('-')[0]!
    // Codes of one person mistyping theirs: all share a first group, not the colleague's.
    const otherPrefix = goodPrefix === 'AAAA' ? 'BBBB' : 'AAAA'
    const activate = (from: string, code: string, deviceId: string) =>
      postFrom(from, `${platform.url}/api/activations`, {
        code,
        deviceId,
        deviceName: 'Test laptop',
        platform: 'linux',
      })

    const samePrefix = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        activate(
          '127.0.0.3',
          `${otherPrefix}${generateActivationCode().slice(4)}`,
          `machine-${i}-same`,
        ),
      ),
    )
    const sameCounts = statuses(samePrefix)
    console.log(`200 parallel wrong codes with one first group: ${JSON.stringify(sameCounts)}`)
    expect(sameCounts[400] ?? 0).toBeLessThanOrEqual(ACTIVATION_PER_ADDRESS_AND_PREFIX.max)
    expect((sameCounts[400] ?? 0) + (sameCounts[429] ?? 0)).toBe(200)
    expectTried(samePrefix)

    // The colleague at the same address, whose code starts differently, is not refused.
    expect((await activate('127.0.0.3', good, 'machine-colleague')).status).toBe(201)

    // A guesser who varies the first group meets the per-address ceiling.
    const anyPrefix = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        activate('127.0.0.4', generateActivationCode(), `machine-${i}-any`),
      ),
    )
    const anyCounts = statuses(anyPrefix)
    console.log(`200 parallel wrong codes, random first groups: ${JSON.stringify(anyCounts)}`)
    expect(anyCounts[400] ?? 0).toBeLessThanOrEqual(ACTIVATION_PER_ADDRESS.max)
    expect((anyCounts[400] ?? 0) + (anyCounts[429] ?? 0)).toBe(200)
    expectTried(anyPrefix)
    expect((await activate('127.0.0.4', generateActivationCode(), 'machine-after')).status).toBe(
      429,
    )
  })
})
