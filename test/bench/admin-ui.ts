/**
 * The admin console with 10,000 users (DESIGN.md §8, issue 4): navigation to
 * /admin/users → first rows on screen, typing a search → filtered rows on
 * screen, and navigation to /admin/numbers (the whole DID inventory) → first
 * rows, in headless Chromium against the built app served by the real
 * platform. Each next to a baseline timed in the same page, interleaved:
 * plain HTML pages that fetch and draw the same 25 rows, and the bare API
 * round trip of the same search.
 */
import { rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { PROJECT_ROOT } from '../fixtures/child-platform'
import { launchChromium } from '../fixtures/chromium'
import { ADMIN, startTestPlatform } from '../fixtures/platform'
import { buildApp } from './build'
import { interleave, WARMUP } from './measure'
import { seedUsers } from './seed'
import { median } from './stats'
import type { BenchSuite } from './types'

const TARGET_MS = 200
const USER_COUNT = 10_000
const RUNS = { min: 20, max: 60, budgetMs: 30_000 } as const

/** Parts of common surnames and of DIDs, as admins type them; each matches some users. */
const QUERIES = ['ander', 'sen', 'møller', 'holm', 'khan', '4533401', 'jens', 'ali']

/**
 * The plain-table baseline page, written into the built renderer for the run
 * so the platform serves it from the same origin. Not through Playwright's
 * request routing: routing turns the browser's HTTP cache off, and the app's
 * assets would be fetched again on every navigation.
 */
const PLAIN_FILE = 'bench-plain-users.html'

const FIRST_PAGE_QUERY = 'sort=name&order=asc&page=1&pageSize=25'

/**
 * In every document, before its own scripts (an init script is not subject to
 * the app's CSP, which forbids evaluating strings): notes when the first data
 * row of the Users or Numbers table is painted, and defines the hooks below. Times are the page's own clock (performance.now()).
 */
const PAGE_HOOKS = `(() => {
  const ROWS = 'table[aria-label="Users"] tbody tr'
  const dataRows = () => [...document.querySelectorAll(ROWS)].filter((r) => r.querySelector('td a'))
  // A data row of Users or Numbers: more than the one cell of a "Loading" or "No …" row.
  const FIRST_ROWS = 'table[aria-label="Users"] tbody tr, table[aria-label="Numbers"] tbody tr'
  const anyDataRow = () => [...document.querySelectorAll(FIRST_ROWS)].some((r) => r.cells.length > 1)
  const observer = new MutationObserver(() => {
    if (!anyDataRow()) return
    observer.disconnect()
    requestAnimationFrame(() => { window.__firstRowsMs = performance.now() })
  })
  observer.observe(document, { childList: true, subtree: true })

  window.__showsAll = (total) =>
    document.querySelector('.p-paginator-current')?.textContent.endsWith('of ' + total) ?? false

  // Arms a watch for the next input in the search box: resolves with the
  // milliseconds from that input event to the painted frame in which every
  // row shown matches the query.
  window.__timeFilter = (query) => new Promise((resolve) => {
    const needle = query.toLowerCase()
    const matches = () => {
      const rows = dataRows()
      return rows.length > 0 && rows.every((r) => r.textContent.toLowerCase().includes(needle))
    }
    document.getElementById('users-search').addEventListener('input', (event) => {
      const start = event.timeStamp
      const settle = () => requestAnimationFrame(() => resolve(performance.now() - start))
      if (matches()) return settle()
      const watch = new MutationObserver(() => {
        if (matches()) { watch.disconnect(); settle() }
      })
      watch.observe(document.body, { childList: true, subtree: true, characterData: true })
    }, { once: true, capture: true })
  })

  // The same search as the page makes, bare: fetch and parse, nothing rendered.
  window.__fetchMs = async (query) => {
    const { token } = JSON.parse(sessionStorage.getItem('phone-systems.admin-session'))
    const start = performance.now()
    const res = await fetch('/api/admin/users?q=' + encodeURIComponent(query) + '&${FIRST_PAGE_QUERY}',
      { headers: { authorization: 'Bearer ' + token } })
    await res.json()
    return performance.now() - start
  }
})()`

/** What PAGE_HOOKS defines on `window`. Callbacks below cast `globalThis` inline: they run in the page. */
interface PageHooks {
  __firstRowsMs?: number
  __showsAll(total: number): boolean
  __timeFilter(query: string): Promise<number>
  __fetchMs(query: string): Promise<number>
}

/** The Users baseline: no framework, one fetch, the 25 rows written with the DOM API. */
const PLAIN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Users</title></head>
<body><table aria-label="Users"><thead><tr><th>Name</th><th>Email</th><th>Department</th>
<th>DID</th><th>Internal number</th><th>Status</th></tr></thead><tbody></tbody></table>
<script>
  const session = JSON.parse(sessionStorage.getItem('phone-systems.admin-session'))
  fetch('/api/admin/users?${FIRST_PAGE_QUERY}', {
    headers: { authorization: 'Bearer ' + session.token },
  }).then((r) => r.json()).then(({ items }) => {
    const body = document.querySelector('tbody')
    for (const u of items) {
      const tr = document.createElement('tr')
      const name = document.createElement('td')
      const link = document.createElement('a')
      link.href = '/admin/users/' + u.id + '/edit'
      link.textContent = u.firstName + ' ' + u.lastName
      name.append(link)
      tr.append(name)
      for (const text of [u.email, u.department, u.line?.didNumber ?? '—',
        u.line?.internalNumber ?? '—', u.status]) {
        const td = document.createElement('td')
        td.textContent = text
        tr.append(td)
      }
      body.append(tr)
    }
  })
</script></body></html>`

const PLAIN_NUMBERS_FILE = 'bench-plain-numbers.html'

/** The Numbers baseline: the same first page of 25 numbers fetched and written with the DOM API. */
const PLAIN_NUMBERS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Numbers</title></head>
<body><table aria-label="Numbers"><thead><tr><th>Number</th><th>Assigned to</th><th>Added</th>
</tr></thead><tbody></tbody></table>
<script>
  const session = JSON.parse(sessionStorage.getItem('phone-systems.admin-session'))
  fetch('/api/admin/numbers?sort=number&order=asc&page=1&pageSize=25', {
    headers: { authorization: 'Bearer ' + session.token },
  }).then((r) => r.json()).then(({ items }) => {
    const body = document.querySelector('tbody')
    for (const n of items) {
      const tr = document.createElement('tr')
      for (const text of [n.number, n.assignedTo ? n.assignedTo.name + ' ' + n.assignedTo.email : 'Free',
        new Date(n.createdAt).toLocaleString()]) {
        const td = document.createElement('td')
        td.textContent = text
        tr.append(td)
      }
      body.append(tr)
    }
  })
</script></body></html>`

/** Loads `url` and returns navigation start → first data row painted. */
async function timeFirstRows(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(
    () => (globalThis as unknown as PageHooks).__firstRowsMs !== undefined,
    undefined,
    { polling: 5 },
  )
  return page.evaluate(() => (globalThis as unknown as PageHooks).__firstRowsMs!)
}

/** Makes sure the Users page shows the unfiltered list, so the next search changes it. */
async function resetUsers(page: Page, url: string): Promise<void> {
  if (!page.url().endsWith('/admin/users')) await timeFirstRows(page, url)
  await page.fill('#users-search', '')
  await page.waitForFunction(
    (total) => (globalThis as unknown as PageHooks).__showsAll(total),
    USER_COUNT,
    { polling: 5 },
  )
}

export const adminUi10k: BenchSuite = {
  name: 'admin UI, 10k users',
  async run() {
    await buildApp()
    const rendererDir = path.join(PROJECT_ROOT, 'out', 'renderer')
    await writeFile(path.join(rendererDir, PLAIN_FILE), PLAIN_PAGE)
    await writeFile(path.join(rendererDir, PLAIN_NUMBERS_FILE), PLAIN_NUMBERS_PAGE)
    const platform = await startTestPlatform({}, { rendererDir })
    const browser = await launchChromium()
    try {
      const seeded = await seedUsers(platform.ctx.db, USER_COUNT, platform.ctx.now())
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
      await context.addInitScript({ content: PAGE_HOOKS })
      const page = await context.newPage()
      await page.goto(`${platform.url}/admin/sign-in`)
      await page.getByLabel('Email').fill(ADMIN.email)
      await page.getByLabel('Password').fill(ADMIN.password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor()

      const usersUrl = `${platform.url}/admin/users`
      // Page timings on 2 cores swing with whatever else runs: say what else ran.
      const loadBefore = os.loadavg()[0]!
      const samples = await interleave(
        {
          firstRows: () => timeFirstRows(page, usersUrl),
          plainTable: () => timeFirstRows(page, `${platform.url}/${PLAIN_FILE}`),
          numbersFirstRows: () => timeFirstRows(page, `${platform.url}/admin/numbers`),
          plainNumbers: () => timeFirstRows(page, `${platform.url}/${PLAIN_NUMBERS_FILE}`),
          filter: async (round) => {
            const query = QUERIES[round % QUERIES.length]!
            await resetUsers(page, usersUrl)
            const timing = page.evaluate(
              (q) => (globalThis as unknown as PageHooks).__timeFilter(q),
              query,
            )
            await page.fill('#users-search', query)
            return timing
          },
          fetchOnly: async (round) => {
            const query = QUERIES[round % QUERIES.length]!
            if (!page.url().endsWith('/admin/users')) await timeFirstRows(page, usersUrl)
            return page.evaluate((q) => (globalThis as unknown as PageHooks).__fetchMs(q), query)
          },
        },
        { warmup: WARMUP, runs: RUNS, label: 'admin UI, 10k users' },
      )
      const ms = (n: number) => `${n.toFixed(1)} ms`
      return {
        rows: [
          {
            measurement: 'admin Users, 10k: navigation → first rows shown',
            samples: samples.firstRows,
            targetMs: TARGET_MS,
            baseline: {
              samples: samples.plainTable,
              note:
                'a plain HTML page (no framework) on the same origin that fetches the same first ' +
                'page of 25 users and writes the rows with the DOM API; navigation → rows painted',
            },
          },
          {
            measurement: 'admin Numbers, 10k users: navigation → first rows shown',
            samples: samples.numbersFirstRows,
            baseline: {
              samples: samples.plainNumbers,
              note:
                `a plain HTML page (no framework) on the same origin that fetches the same first ` +
                `page of 25 numbers (of ${seeded.withDid} DIDs) and writes them with the DOM API; ` +
                'navigation → rows painted',
            },
          },
          {
            measurement: 'admin Users, 10k: type a search → filtered rows shown',
            samples: samples.filter,
            targetMs: TARGET_MS,
            baseline: {
              samples: samples.fetchOnly,
              note:
                'the bare API round trip of the same search (fetch + JSON) from the same page, ' +
                'nothing rendered',
            },
          },
        ],
        notes: [
          `admin UI, 10k users: first rows ${ms(median(samples.firstRows))} (plain table ` +
            `${ms(median(samples.plainTable))}); Numbers first rows ` +
            `${ms(median(samples.numbersFirstRows))} (plain table ` +
            `${ms(median(samples.plainNumbers))}); search ${ms(median(samples.filter))} ` +
            `(API alone ${ms(median(samples.fetchOnly))}); searches typed: ${QUERIES.join(', ')}; ` +
            'times from navigation start / the input event to the next painted frame, in the page; ' +
            'on both pages the first 10 rows are drawn first, the other 15 and the paginator a ' +
            'frame later; ' +
            `1-minute load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`,
        ],
      }
    } finally {
      await browser.close()
      await platform.dispose()
      await rm(path.join(rendererDir, PLAIN_FILE), { force: true })
      await rm(path.join(rendererDir, PLAIN_NUMBERS_FILE), { force: true })
    }
  },
}
