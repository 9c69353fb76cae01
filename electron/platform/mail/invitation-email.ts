import QRCode from 'qrcode'
import type { SendMailOptions } from 'nodemailer'
import { escapeHtml } from '../html'
import { ACTIVATION_QR_OPTIONS, activationQrSegments } from '@shared/activation-qr'

export interface InvitationEmailInput {
  from: string
  to: string
  firstName: string
  /** The company's name (PHONE_SYSTEMS_COMPANY_NAME), if set. */
  companyName?: string | undefined
  code: string
  /** `<public url>/activate#<code>`: the button, and what the QR code holds. */
  activationLink: string
  /** `<public url>/download`. */
  downloadUrl: string
  internalNumber: string | null
  didNumber: string | null
  expiresAt: Date
  /** IANA zone the expiry is written in (PHONE_SYSTEMS_TIME_ZONE). */
  timeZone: string
}

const QR_CID = 'activation-qr@phone.systems'
const SUBJECT = 'Your phone.systems™ app invitation'
export const ACTIVATE_BUTTON = 'Activate phone.systems'

// pngjs options: one PNG filter (Up) instead of trying all five on every row,
// a third of the CPU for a slightly larger image that decodes the same.
// (pngjs takes `filterType`; the qrcode typings only list deflate options.)
const PNG_OPTIONS = { deflateLevel: 9, filterType: 2 }

/** "Tuesday, 8 December 2026, 14:05 (Europe/Copenhagen)": the company's clock, its zone named. */
export function formatExpiry(d: Date, timeZone: string): string {
  const when = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d)
  return `${when.replace(' at ', ', ')} (${timeZone})`
}

/** "your internal number 238 and direct number +45 20 30 40 50", or what of it exists. */
function numbersSentence(internal: string | null, did: string | null): string | null {
  const parts = [
    internal ? `internal number ${internal}` : null,
    did ? `direct number ${did}` : null,
  ].filter((p): p is string => p !== null)
  return parts.length ? `Your ${parts.join(' and your ')}.` : null
}

/** The QR code of the activation link as the email's inline PNG, and its size in pixels. */
async function qrImage(link: string): Promise<{ png: Buffer; size: number }> {
  const segments = activationQrSegments(link)
  const png = await QRCode.toBuffer(segments, {
    type: 'png',
    ...ACTIVATION_QR_OPTIONS,
    rendererOpts: PNG_OPTIONS,
  })
  const modules = QRCode.create(segments, ACTIVATION_QR_OPTIONS).modules.size
  return { png, size: (modules + 2 * ACTIVATION_QR_OPTIONS.margin) * ACTIVATION_QR_OPTIONS.scale }
}

/**
 * The invitation, written for someone reading it at their desk: one button
 * that activates (the platform's activation page, which opens the desktop
 * app or the web softphone), and the seed's way for anyone else: download
 * link, QR code (inline PNG by cid, so mail clients show it without fetching
 * anything), the authentication code and when it expires. The text part
 * carries the same links.
 */
export async function renderInvitationEmail(input: InvitationEmailInput): Promise<SendMailOptions> {
  const { png, size } = await qrImage(input.activationLink)
  const greeting = input.firstName ? `Hello ${input.firstName},` : 'Hello,'
  const company = input.companyName?.trim()
  const intro = company
    ? `${company} has set up phone.systems™ for you: make and receive calls on your computer.`
    : 'Your phone.systems™ app is ready: make and receive calls on your computer.'
  const numbers = numbersSentence(input.internalNumber, input.didNumber)
  const expires = formatExpiry(input.expiresAt, input.timeZone)
  const text = [
    greeting,
    '',
    intro,
    ...(numbers ? [numbers] : []),
    '',
    `${ACTIVATE_BUTTON}: ${input.activationLink}`,
    '',
    'Or set it up yourself:',
    `1. Download the app: ${input.downloadUrl}`,
    '2. Open it and click Sign in.',
    '3. Hold the QR code in this email up to the camera, or click Enter code manually and paste this authentication code:',
    '',
    `   ${input.code}`,
    '',
    `The code works once and expires on ${expires}.`,
    '',
    'If you did not expect this email, ignore it or tell your administrator.',
    '',
  ].join('\n')
  // A language and a title, so screen readers (and the admin console's Outbox) read it right.
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(SUBJECT)}</title></head>
<body style="font-family: system-ui, sans-serif; color: #1b1f24; max-width: 560px">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)}${numbers ? `<br>${escapeHtml(numbers)}` : ''}</p>
<p style="margin: 1.5em 0"><a href="${escapeHtml(input.activationLink)}" style="display: inline-block; padding: 0.75em 1.5em; border-radius: 0.4em; background: #0b5fff; color: #ffffff; font-weight: 700; text-decoration: none">${ACTIVATE_BUTTON}</a></p>
<p>Or set it up yourself:</p>
<ol>
  <li><a href="${escapeHtml(input.downloadUrl)}">Download the app</a>.</li>
  <li>Open it and click <strong>Sign in</strong>.</li>
  <li>Hold this QR code up to the camera, or click <strong>Enter code manually</strong> and paste the authentication code below.</li>
</ol>
<p><img src="cid:${QR_CID}" width="${size}" height="${size}" alt="QR code to activate the phone.systems app"></p>
<p>Authentication code: <strong style="font-family: ui-monospace, monospace; font-size: 1.3em" id="authentication-code">${escapeHtml(input.code)}</strong></p>
<p>The code works once and expires on ${escapeHtml(expires)}.</p>
<p style="color: #57606a">If you did not expect this email, ignore it or tell your administrator.</p>
</body></html>`
  return {
    from: input.from,
    to: input.to,
    subject: SUBJECT,
    text,
    html,
    attachments: [
      { filename: 'activation-qr.png', content: png, contentType: 'image/png', cid: QR_CID },
    ],
  }
}
