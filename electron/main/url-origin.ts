/**
 * `scheme://host[:port]` of a URL, for custom schemes too. WHATWG URL (Node,
 * and so Electron's main process) gives `"null"` as the origin of every
 * `app:` URL, which would make all custom-scheme pages one origin. Undefined
 * for what has no host (data:, about:blank) or does not parse.
 */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : undefined
  } catch {
    return undefined
  }
}
