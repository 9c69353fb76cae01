import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useProgressiveRows } from '../../renderer/src/admin/composables/useProgressiveRows'
import { useAdminSessionStore } from '../../renderer/src/admin/stores/session'
import { useUserListStore } from '../../renderer/src/admin/stores/user-list'
import type { AdminSession } from '@shared/schemas/admin'
import type { User } from '@shared/schemas/users'
import { fakePlatform, unreachable, type Answer, type SentRequest } from './fakes/platform'

const SESSION_KEY = 'phone-systems.admin-session'

function adminSession(expiresInMs = 3_600_000): AdminSession {
  return {
    token: 'admin-token',
    expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
    admin: { id: 1, email: 'admin@example.com' },
  }
}

function user(id: number, name = `User ${id}`): User {
  return { id, firstName: name, lastName: 'Test' } as unknown as User
}

beforeEach(() => {
  sessionStorage.clear()
  setActivePinia(createPinia())
})
afterEach(() => vi.unstubAllGlobals())

describe('admin session store', () => {
  it('signed out at first; start() signs in for this tab', () => {
    const session = useAdminSessionStore()
    expect(session.signedIn).toBe(false)
    expect(session.token).toBeNull()
    expect(session.email).toBeNull()
    session.start(adminSession())
    expect(session.signedIn).toBe(true)
    expect(session.token).toBe('admin-token')
    expect(session.email).toBe('admin@example.com')

    setActivePinia(createPinia())
    expect(useAdminSessionStore().token).toBe('admin-token')
  })

  it('a session past its expiry, or unreadable, is not restored', () => {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(adminSession(-1)))
    expect(useAdminSessionStore().signedIn).toBe(false)
    setActivePinia(createPinia())
    sessionStorage.setItem(SESSION_KEY, '{"token":')
    expect(useAdminSessionStore().signedIn).toBe(false)
  })

  it('Sign out forgets the token here and for a reload', () => {
    const session = useAdminSessionStore()
    session.start(adminSession())
    session.end()
    expect(session.signedIn).toBe(false)
    expect(session.expired).toBe(false)
    expect(sessionStorage.getItem(SESSION_KEY)).toBeNull()
  })

  it('a refused token ends the session and says so until the next sign-in', () => {
    const session = useAdminSessionStore()
    session.start(adminSession())
    session.expire()
    expect(session.signedIn).toBe(false)
    expect(session.expired).toBe(true)
    session.start(adminSession())
    expect(session.expired).toBe(false)
  })
})

describe('Users list store', () => {
  /** A platform whose user list answers are held until the test releases them. */
  function heldPlatform() {
    const pending: { request: SentRequest; release: (answer: Answer) => void }[] = []
    const fake = fakePlatform(
      (request) => new Promise<Answer>((release) => pending.push({ request, release })),
    )
    return { ...fake, pending }
  }

  it('asks for the current query with the admin’s token, and shows the page', async () => {
    useAdminSessionStore().start(adminSession())
    const { sent } = fakePlatform(() => ({
      status: 200,
      body: { items: [user(1), user(2)], total: 42 },
    }))
    const list = useUserListStore()
    expect(list.loaded).toBe(false)
    list.q = '  ada '
    list.status = 'active'
    list.department = 'R&D'
    list.sort = 'email'
    list.order = 'desc'
    list.page = 2
    await list.load()
    expect(sent[0]!.headers.authorization).toBe('Bearer admin-token')
    expect(sent[0]!.url.pathname).toBe('/api/admin/users')
    expect(Object.fromEntries(sent[0]!.url.searchParams)).toEqual({
      q: 'ada',
      status: 'active',
      department: 'R&D',
      sort: 'email',
      order: 'desc',
      page: '2',
      pageSize: '25',
    })
    expect(list.items.map((u) => u.id)).toEqual([1, 2])
    expect(list.total).toBe(42)
    expect(list.loaded).toBe(true)
    expect(list.error).toBeNull()
  })

  it('an empty search and no filters ask for everything', async () => {
    const { sent } = fakePlatform(() => ({ status: 200, body: { items: [], total: 0 } }))
    const list = useUserListStore()
    list.q = '   '
    await list.load()
    expect([...sent[0]!.url.searchParams.keys()].sort()).toEqual([
      'order',
      'page',
      'pageSize',
      'sort',
    ])
    expect(list.loaded).toBe(true)
  })

  it('a changed filter goes back to the first page', async () => {
    const { sent } = fakePlatform(() => ({ status: 200, body: { items: [], total: 0 } }))
    const list = useUserListStore()
    list.page = 3
    list.status = 'invited'
    await list.refilter()
    expect(list.page).toBe(1)
    expect(sent[0]!.url.searchParams.get('page')).toBe('1')
  })

  it('typing fast: only the answer to what is in the box now is shown', async () => {
    const { pending } = heldPlatform()
    const list = useUserListStore()
    list.q = 'a'
    const first = list.load()
    list.q = 'ad'
    const second = list.load()
    pending[1]!.release({ status: 200, body: { items: [user(2, 'Ada')], total: 1 } })
    await second
    pending[0]!.release({ status: 200, body: { items: [user(1), user(3)], total: 2 } })
    await first
    expect(list.items.map((u) => u.firstName)).toEqual(['Ada'])
    expect(list.total).toBe(1)
  })

  it('a failure is shown over the rows it could not replace, and cleared by the next answer', async () => {
    let answer: () => Answer = () => ({ status: 200, body: { items: [user(1)], total: 1 } })
    fakePlatform(() => answer())
    const list = useUserListStore()
    await list.load()
    answer = unreachable
    await list.load()
    expect(list.error).toBe(
      'The phone.systems platform cannot be reached. Check the network connection and try again.',
    )
    expect(list.items.map((u) => u.id)).toEqual([1])
    answer = () => ({ status: 200, body: { items: [], total: 0 } })
    await list.load()
    expect(list.error).toBeNull()
    expect(list.items).toEqual([])
  })

  it('a refused token ends the admin session', async () => {
    useAdminSessionStore().start(adminSession())
    fakePlatform(() => ({ status: 401, body: { message: 'Session expired' } }))
    const list = useUserListStore()
    await list.load()
    expect(list.error).toBe('Session expired')
    expect(useAdminSessionStore().expired).toBe(true)
  })

  it('shows a user as the platform just returned them, without reloading', async () => {
    fakePlatform(() => ({ status: 200, body: { items: [user(1), user(2)], total: 2 } }))
    const list = useUserListStore()
    await list.load()
    list.replace(user(2, 'Renamed'))
    list.replace(user(9, 'Not on this page'))
    expect(list.items.map((u) => u.firstName)).toEqual(['User 1', 'Renamed'])
  })
})

describe('useProgressiveRows: the first screenful first', () => {
  /** Runs the composable in a scope of its own, as a component would. */
  function rowsOf(initial: number[], eachChange: boolean) {
    const items = ref(initial)
    const scope = effectScope()
    const result = scope.run(() =>
      useProgressiveRows(() => items.value, { screenful: 3, eachChange }),
    )!
    return { items, scope, ...result }
  }
  /** Past the next paint: the rAF, then the timeout it posts. */
  const afterPaint = () =>
    new Promise<void>((resolve) =>
      requestAnimationFrame(() => setTimeout(() => setTimeout(resolve))),
    )

  it('a short list is drawn at once and complete', () => {
    const { rows, complete, scope } = rowsOf([1, 2], false)
    expect(rows.value).toEqual([1, 2])
    expect(complete.value).toBe(true)
    scope.stop()
  })

  it('nothing yet: waits for rows before drawing anything', async () => {
    const { rows, complete, items, scope } = rowsOf([], false)
    expect(complete.value).toBe(false)
    items.value = [1, 2, 3, 4, 5]
    await nextTick()
    expect(rows.value).toEqual([1, 2, 3])
    await afterPaint()
    expect(rows.value).toEqual([1, 2, 3, 4, 5])
    expect(complete.value).toBe(true)
    scope.stop()
  })

  it('a long list: one screenful, then the rest after the paint', async () => {
    const { rows, complete, scope } = rowsOf([1, 2, 3, 4, 5], false)
    expect(rows.value).toEqual([1, 2, 3])
    expect(complete.value).toBe(false)
    await afterPaint()
    expect(rows.value).toEqual([1, 2, 3, 4, 5])
    expect(complete.value).toBe(true)
    scope.stop()
  })

  it('filtered in memory (eachChange off): later lists are drawn whole', async () => {
    const { rows, items, scope } = rowsOf([1, 2, 3, 4, 5], false)
    await afterPaint()
    items.value = [6, 7, 8, 9]
    await nextTick()
    expect(rows.value).toEqual([6, 7, 8, 9])
    scope.stop()
  })

  it('a server page replaced (eachChange on): each new page is split again', async () => {
    const { rows, complete, items, scope } = rowsOf([1, 2, 3, 4, 5], true)
    await afterPaint()
    items.value = [6, 7, 8, 9]
    await nextTick()
    expect(rows.value).toEqual([6, 7, 8])
    expect(complete.value).toBe(true)
    await afterPaint()
    expect(rows.value).toEqual([6, 7, 8, 9])
    scope.stop()
  })
})
