// Runs in a softphone page (Playwright addScriptTag), for tests only: builds the
// picture files a user would open, paste or drop, and sends them with the events a
// browser fires, so the Scan screen's paste and drop handling is what is tested.
/* global window, document, DataTransfer, ClipboardEvent, DragEvent, createImageBitmap */
window.__qrTransfer = {
  /**
   * A File from PNG bytes (base64): the QR image itself, or a "screenshot" of an
   * email: a large light picture with bars and word-like marks and the email's
   * 320 px QR code shown at 200 px, small in it.
   */
  async makeFile(base64, kind) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    const png = new Blob([bytes], { type: 'image/png' })
    if (kind === 'png') return new File([png], 'activation-qr.png', { type: 'image/png' })
    const canvas = document.createElement('canvas')
    canvas.width = 1600
    canvas.height = 1000
    const ctx = canvas.getContext('2d')
    ctx.fillStyle = '#f4f5f7'
    ctx.fillRect(0, 0, 1600, 1000)
    ctx.fillStyle = '#d8dce2'
    ctx.fillRect(0, 0, 1600, 56)
    ctx.fillRect(0, 56, 260, 944)
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(320, 90, 960, 880)
    // Lines of "words": dark dashes of random widths, which is how text looks to a QR finder.
    let seed = 7
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    ctx.fillStyle = '#3a3f47'
    for (let y = 130; y < 520; y += 26) {
      for (let x = 360; x < 1220;) {
        const w = 18 + rnd() * 70
        ctx.fillRect(x, y, w, 11)
        x += w + 9
      }
    }
    for (let y = 90; y < 980; y += 34) ctx.fillRect(24, y, 120 + rnd() * 90, 12)
    ctx.drawImage(await createImageBitmap(png), 380, 560, 200, 200)
    const shot = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'))
    return new File([shot], 'Screenshot.png', { type: 'image/png' })
  },

  /** Ctrl/Cmd+V of a copied picture: a paste event whose clipboard holds the file. */
  async paste(base64, kind) {
    const data = new DataTransfer()
    data.items.add(await this.makeFile(base64, kind))
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    )
  },

  /** A file dragged from the desktop and let go over the screen. */
  async drop(base64, kind) {
    const data = new DataTransfer()
    data.items.add(await this.makeFile(base64, kind))
    const target = document.querySelector('main') ?? document.body
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      )
  },
}
