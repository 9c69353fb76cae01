import path from 'node:path'

/**
 * Maps a URL path to a file inside `rendererDir`, or undefined when the path is malformed
 * or escapes the directory (e.g. an encoded `..`). Kept free of Electron so it can be
 * tested under plain Node.
 */
export function rendererFileFor(rendererDir: string, pathname: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  const file = path.resolve(rendererDir, `.${decoded}`)
  const relative = path.relative(rendererDir, file)
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return undefined
  }
  return file
}
