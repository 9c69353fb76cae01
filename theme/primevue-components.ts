import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

/** Where the installed `primevue` package lives (its exports map hides package.json). */
export const PRIMEVUE_DIR = path.dirname(createRequire(import.meta.url).resolve('primevue'))

/** `primevue/<name>` in an import or a dynamic import(). */
const PRIMEVUE_IMPORT = /['"]primevue\/([a-z]+)['"]/g

function importedPrimeVueModules(source: string): string[] {
  return [...source.matchAll(PRIMEVUE_IMPORT)].map((match) => match[1]!)
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /\.(vue|ts)$/.test(file))
    .map((file) => path.join(dir, file))
}

/**
 * The PrimeVue components that can appear on screen: every one the renderer
 * imports, and every one those use inside (DataTable draws a Paginator, which
 * draws a Select, …), found by following their imports in the package.
 * Sorted, so the generated stylesheet is the same from build to build.
 */
export function primeVueComponentsUsedBy(sourceDir: string): string[] {
  const found = new Set(
    sourceFiles(sourceDir).flatMap((f) => importedPrimeVueModules(readFileSync(f, 'utf8'))),
  )
  const queue = [...found]
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const entry = path.join(PRIMEVUE_DIR, name, 'index.mjs')
    if (!existsSync(entry)) continue
    for (const dependency of importedPrimeVueModules(readFileSync(entry, 'utf8'))) {
      if (found.has(dependency)) continue
      found.add(dependency)
      queue.push(dependency)
    }
  }
  // Services, composables and types (config, usetoast, menuitem…) have no styles.
  return [...found].filter((name) => existsSync(path.join(PRIMEVUE_DIR, name, 'style'))).sort()
}
