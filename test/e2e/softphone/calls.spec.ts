import type { Browser } from '@playwright/test'
import { expectAccessible } from './a11y'
import { launchSoftphoneBrowser } from './browser'
import { expect, test, uniqueEmail, type SoftphonePlatform } from './fixtures'
import type { Invitation } from './platform'
import { Softphone } from './softphone'

/** A valid Danish number (+45 2030 xxxx), unique within this worker's platform. */
const usedDids = new Set<string>()
function freshDid(): string {
  for (;;) {
    const did = `+452030${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`
    if (!usedDids.has(did)) {
      usedDids.add(did)
      return did
    }
  }
}

/** A softphone activated and set up through its own UI, `Ready`. */
async function activatedPhone(
  browser: Browser,
  platform: SoftphonePlatform,
  invitation: Invitation,
): Promise<Softphone> {
  const phone = await Softphone.open(browser, platform.url, {
    camera: 'denied',
    microphone: 'granted',
    notifications: 'granted',
  })
  await phone.activateWithCode(invitation.code)
  await phone.finishOnboarding()
  return phone
}

test.describe('calls between two softphones', () => {
  test.describe.configure({ timeout: 120_000 })
  let browser: Browser

  test.beforeAll(async () => {
    browser = await launchSoftphoneBrowser()
  })
  test.afterAll(async () => {
    await browser?.close()
  })

  test('by internal number and by DID: answer, audio both ways, hang up; a notification; both histories', async ({
    softphonePlatform: platform,
  }) => {
    const adaDid = freshDid()
    const bobDid = freshDid()
    const adaOther = freshDid()
    await platform.addNumbers([adaDid, bobDid, adaOther])
    const adaInvite = await platform.invite(
      { firstName: 'Ada', lastName: 'Lovelace', email: uniqueEmail('ada') },
      { didNumber: adaDid, callerIds: [adaDid, adaOther], defaultCallerId: adaDid },
    )
    const bobInvite = await platform.invite(
      { firstName: 'Bob', lastName: 'Kahn', email: uniqueEmail('bob') },
      { didNumber: bobDid },
    )
    const ada = await activatedPhone(browser, platform, adaInvite)
    const bob = await activatedPhone(browser, platform, bobInvite)
    // A line with several caller IDs lets the caller choose.
    await expect(ada.page.getByLabel('Caller ID')).toHaveValue(adaDid)
    await expect(bob.page.getByLabel('Caller ID')).toHaveCount(0)

    // Ada calls Bob's internal number.
    await ada.dial(bobInvite.internalNumber)
    const ringing = bob.incoming()
    await expect(ringing).toBeVisible()
    await expect(ringing).toContainText('Ada Lovelace')
    await expect(ringing).toContainText(adaInvite.internalNumber)
    await expect
      .poll(() => bob.notifications)
      .toContainEqual(
        expect.objectContaining({
          title: 'Incoming call from Ada Lovelace',
          body: adaInvite.internalNumber,
          actions: ['Answer', 'Decline'],
        }),
      )
    await expect.poll(() => bob.shownNotifications()).toEqual(['Incoming call from Ada Lovelace'])
    await expectAccessible(bob.page, 'incoming call')

    await ringing.getByRole('button', { name: 'Answer' }).click()
    await expect(ringing).toHaveCount(0)
    await expect(bob.page.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible()
    // The caller knows only the number it dialled.
    await expect(ada.page.getByRole('heading', { name: bobInvite.internalNumber })).toBeVisible()
    await expect(ada.page.getByRole('timer')).toHaveText(/^0:0\d$/)
    // Answered: the notification is gone.
    await expect.poll(() => bob.shownNotifications()).toEqual([])
    await ada.expectAudioBothWays()
    await bob.expectAudioBothWays()
    await expectAccessible(ada.page, 'in a call')

    // In-call controls on Ada's side; the call survives each of them.
    const mute = ada.page.getByRole('button', { name: 'Mute' })
    await mute.click()
    await expect(mute).toHaveAttribute('aria-pressed', 'true')
    await mute.click()
    await expect(mute).toHaveAttribute('aria-pressed', 'false')
    const hold = ada.page.getByRole('button', { name: 'Hold' })
    await hold.click()
    await expect(ada.page.getByRole('timer')).toHaveText('On hold')
    await hold.click()
    await expect(hold).toHaveAttribute('aria-pressed', 'false')
    await ada.page.getByRole('button', { name: 'Keypad' }).click()
    await ada.page
      .getByRole('group', { name: 'Dial pad' })
      .getByRole('button', { name: '5' })
      .click()
    await expect(ada.page.getByText('5', { exact: true }).first()).toBeVisible()
    // Another microphone mid-call (replaceTrack): audio keeps flowing to Bob.
    await ada.page.getByText('Audio devices').click()
    const microphones = ada.page.getByLabel('Microphone')
    const options = await Promise.all(
      (await microphones.locator('option').all()).map((o) => o.getAttribute('value')),
    )
    await microphones.selectOption(options.at(-1)!)
    const before = await bob.audioBytes()
    await bob.expectAudioBothWays(before)

    await ada.page.getByRole('button', { name: 'Hang up' }).click()
    await expect(ada.page.getByLabel('Phone number')).toBeVisible()
    await expect(bob.page.getByLabel('Phone number')).toBeVisible()

    // Bob calls Ada's DID; Ada answers; Bob hangs up.
    await bob.dial(adaDid)
    await expect(ada.incoming()).toContainText('Bob Kahn')
    await ada.incoming().getByRole('button', { name: 'Answer' }).click()
    await expect(bob.page.getByRole('heading', { name: adaDid })).toBeVisible()
    await bob.expectAudioBothWays()
    await ada.expectAudioBothWays(await ada.audioBytes())
    await bob.page.getByRole('button', { name: 'Hang up' }).click()
    await expect(ada.page.getByLabel('Phone number')).toBeVisible()

    // Both calls are in both histories, newest first.
    for (const [phone, first, second] of [
      [ada, /Bob Kahn.*Incoming call/, new RegExp(`^${bobInvite.internalNumber}.*Outgoing call`)],
      [bob, new RegExp(`^\\${adaDid}.*Outgoing call`), /Ada Lovelace.*Incoming call/],
    ] as const) {
      await phone.page.getByRole('link', { name: 'History' }).click()
      const entries = phone.page.getByRole('listitem')
      await expect(entries).toHaveCount(2)
      await expect(entries.nth(0)).toHaveText(first)
      await expect(entries.nth(1)).toHaveText(second)
    }
    await expectAccessible(bob.page, 'call history')
    await ada.close()
    await bob.close()
  })

  test('a missed call shows a badge and is called back; a declined call says busy; do-not-disturb turns calls away; tel: links call', async ({
    softphonePlatform: platform,
  }) => {
    const cydInvite = await platform.invite({
      firstName: 'Cyd',
      lastName: 'Charisse',
      email: uniqueEmail('cyd'),
    })
    const danInvite = await platform.invite({
      firstName: 'Dan',
      lastName: 'Bricklin',
      email: uniqueEmail('dan'),
    })
    const cyd = await activatedPhone(browser, platform, cydInvite)
    const dan = await activatedPhone(browser, platform, danInvite)
    const danHistory = dan.page.getByRole('link', { name: /History/ })

    // Cyd gives up before Dan answers: a missed call for Dan, cleared from his notifications.
    await cyd.dial(danInvite.internalNumber)
    await expect(dan.incoming()).toBeVisible()
    await expect.poll(() => dan.shownNotifications()).toHaveLength(1)
    await cyd.page.getByRole('button', { name: 'Hang up' }).click()
    await expect(dan.incoming()).toHaveCount(0)
    await expect.poll(() => dan.shownNotifications()).toEqual([])
    await expect(danHistory).toHaveAccessibleName('History 1 missed call')

    // Dan calls back from the history; Cyd declines, so Dan hears busy.
    await danHistory.click()
    await expect(danHistory).toHaveAccessibleName('History')
    const missed = dan.page.getByRole('listitem').first()
    await expect(missed).toContainText('Missed call')
    await missed.getByRole('button', { name: /Call back/ }).click()
    await expect(cyd.incoming()).toContainText('Dan Bricklin')
    await cyd.incoming().getByRole('button', { name: 'Decline' }).click()
    await expect(dan.page.getByRole('status').filter({ hasText: 'Call to' })).toContainText('Busy')

    // Do not disturb: Cyd's call is turned away at once and Dan sees it as missed.
    const dnd = dan.page.getByRole('button', { name: 'Do not disturb' })
    await dnd.click()
    await expect(dnd).toHaveAttribute('aria-pressed', 'true')
    await cyd.dial(danInvite.internalNumber)
    await expect(cyd.page.getByRole('status').filter({ hasText: 'Call to' })).toContainText('Busy')
    await expect(dan.incoming()).toHaveCount(0)
    await expect(danHistory).toHaveAccessibleName('History 1 missed call')
    await dnd.click()

    // A tel: link opened in the app fills in the number and calls only on `Call`;
    // a pasted sip: address is made dialable.
    await dan.goto(`/?call=${encodeURIComponent(`tel:${cydInvite.internalNumber}`)}`)
    await expect(dan.page.getByLabel('Phone number')).toHaveValue(cydInvite.internalNumber)
    await expect(dan.page).toHaveURL(/\/$/)
    await expect(cyd.incoming()).toHaveCount(0)
    await dan.page.getByRole('button', { name: 'Call', exact: true }).click()
    await expect(cyd.incoming()).toBeVisible()
    await dan.page.getByRole('button', { name: 'Hang up' }).click()
    await expect(cyd.incoming()).toHaveCount(0)
    const field = dan.page.getByLabel('Phone number')
    await field.focus()
    await dan.paste(`sip:${cydInvite.internalNumber}@sip.example.test`)
    await expect(field).toHaveValue(cydInvite.internalNumber)
    await cyd.close()
    await dan.close()
  })

  test('call waiting: a second call is answered and the first waits on hold', async ({
    softphonePlatform: platform,
  }) => {
    const invites = await Promise.all(
      ['Eve', 'Fay', 'Gus'].map((name) =>
        platform.invite({
          firstName: name,
          lastName: 'Test',
          email: uniqueEmail(name.toLowerCase()),
        }),
      ),
    )
    const [eve, fay, gus] = await Promise.all(
      invites.map((i) => activatedPhone(browser, platform, i)),
    )
    await eve!.dial(invites[1]!.internalNumber)
    await fay!.incoming().getByRole('button', { name: 'Answer' }).click()
    await expect(fay!.page.getByRole('heading', { name: 'Eve Test' })).toBeVisible()

    await gus!.dial(invites[1]!.internalNumber)
    await expect(fay!.incoming()).toContainText('Answering puts Eve Test on hold.')
    await fay!.incoming().getByRole('button', { name: 'Answer' }).click()
    await expect(fay!.page.getByRole('heading', { name: 'Gus Test' })).toBeVisible()
    const onHold = fay!.page.getByRole('region', { name: 'On hold' })
    await expect(onHold).toContainText('Eve Test')
    await fay!.expectAudioBothWays(await fay!.audioBytes())

    await fay!.page.getByRole('button', { name: 'Hang up' }).click()
    await expect(gus!.page.getByLabel('Phone number')).toBeVisible()
    await expect(fay!.page.getByRole('heading', { name: 'Eve Test' })).toBeVisible()
    await fay!.page.getByRole('button', { name: 'Hold' }).click()
    await expect(fay!.page.getByRole('button', { name: 'Hold' })).toHaveAttribute(
      'aria-pressed',
      'false',
    )
    await fay!.page.getByRole('button', { name: 'Hang up' }).click()
    await expect(eve!.page.getByLabel('Phone number')).toBeVisible()
    await Promise.all([eve!.close(), fay!.close(), gus!.close()])
  })
})
