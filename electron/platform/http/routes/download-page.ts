import type { RoutePlugin } from '../route-plugin'
import { escapeHtml } from '../../html'
import { DOWNLOAD_PAGE_PATH } from '@shared/softphone-paths'

export const DOWNLOAD_TITLE = 'Download phone.systems™'

/**
 * The page: the desktop app where a release page is configured
 * (PHONE_SYSTEMS_DOWNLOAD_URL), and always the web softphone, which needs
 * nothing installed. Plain HTML with inline styles only, so it works under
 * the CSP and without script, on whatever device opened the email.
 */
export function renderDownloadPage(opts: {
  desktopUrl?: string | undefined
  webUrl: string
}): string {
  const desktop = opts.desktopUrl
    ? `<p><a class="button" href="${escapeHtml(opts.desktopUrl)}">Download the desktop app</a></p>
<p class="muted">For Windows, macOS and Linux.</p>`
    : `<p class="muted">The desktop app is not offered for download here yet. Ask your administrator, or use phone.systems™ in your browser below.</p>`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${DOWNLOAD_TITLE}</title>
<style>
body { font-family: system-ui, sans-serif; color: #1b1f24; background: #f6f8fa; margin: 0; }
main { max-width: 36rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 0.75rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); }
h1 { font-size: 1.5rem; margin-top: 0; }
h2 { font-size: 1.1rem; margin-top: 2rem; }
.button { display: inline-block; padding: 0.75rem 1.5rem; border-radius: 0.4rem; background: #0b5fff; color: #fff; font-weight: 700; text-decoration: none; }
.muted { color: #57606a; }
code { font-size: 1.05em; }
</style></head>
<body><main>
<h1>${DOWNLOAD_TITLE}</h1>
<h2>Desktop app</h2>
${desktop}
<h2>In your browser</h2>
<p>Use phone.systems™ in this browser, nothing to install: <a href="${escapeHtml(opts.webUrl)}">${escapeHtml(opts.webUrl)}</a></p>
<p class="muted">Then click <strong>Sign in</strong> and scan the QR code of your invitation email, or enter its authentication code.</p>
</main></body></html>`
}

/** `GET /download`, which every invitation links to. */
export const downloadPageRoutes: RoutePlugin = async (app, { ctx }) => {
  app.get(DOWNLOAD_PAGE_PATH, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      renderDownloadPage({
        desktopUrl: ctx.config.downloadUrl,
        webUrl: `${ctx.config.publicUrl}/`,
      }),
    ),
  )
}
