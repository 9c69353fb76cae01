import QRCode from 'qrcode'
import type { SendMailOptions } from 'nodemailer'

export interface InvitationEmailInput {
  from: string
  to: string
  firstName: string
  code: string
  activationLink: string
  downloadUrl: string
  expiresAt: Date
}

const QR_CID = 'activation-qr@phone.systems'
const SUBJECT = 'Your phone.systems™ app invitation'

// pngjs options: one PNG filter (Up) instead of trying all five on every row,
// a third of the CPU for a slightly larger image that decodes the same.
// (pngjs takes `filterType`; the qrcode typings only list deflate options.)
const PNG_OPTIONS = { deflateLevel: 9, filterType: 2 }

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )
}

function formatExpiry(d: Date): string {
  // UTC spelled out: the platform does not know the reader's time zone.
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/**
 * The invitation of the seed: download link, QR code of the activation link
 * (inline PNG, referenced by cid so mail clients show it without fetching
 * anything), the authentication code and when it expires.
 */
export async function renderInvitationEmail(input: InvitationEmailInput): Promise<SendMailOptions> {
  const png = await QRCode.toBuffer(input.activationLink, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 4,
    width: 320,
    rendererOpts: PNG_OPTIONS,
  })
  const greeting = input.firstName ? `Hello ${input.firstName},` : 'Hello,'
  const expires = formatExpiry(input.expiresAt)
  const text = [
    greeting,
    '',
    'Your phone.systems™ app is ready. To start making and receiving calls:',
    '',
    `1. Download the app: ${input.downloadUrl}`,
    '2. Open it and tap Sign in.',
    '3. Scan the QR code in this email, or tap Enter code manually and paste this authentication code:',
    '',
    `   ${input.code}`,
    '',
    `The code works once and expires on ${expires}.`,
    `Activation link: ${input.activationLink}`,
    '',
    'If you did not expect this email, ignore it or tell your administrator.',
    '',
  ].join('\n')
  // A language and a title, so screen readers (and the admin console's Outbox) read it right.
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(SUBJECT)}</title></head>
<body style="font-family: system-ui, sans-serif; color: #1b1f24; max-width: 560px">
<p>${escapeHtml(greeting)}</p>
<p>Your phone.systems™ app is ready. To start making and receiving calls:</p>
<ol>
  <li><a href="${escapeHtml(input.downloadUrl)}">Download the app</a>.</li>
  <li>Open it and tap <strong>Sign in</strong>.</li>
  <li>Scan this QR code, or tap <strong>Enter code manually</strong> and paste the authentication code below.</li>
</ol>
<p><img src="cid:${QR_CID}" width="320" height="320" alt="QR code to activate the phone.systems app"></p>
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
