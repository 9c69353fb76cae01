import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AdminSession } from '@shared/schemas/admin'

/**
 * Per tab (sessionStorage): closing the window signs the admin out, and a
 * token never outlives the browser session on a shared desk.
 */
const STORAGE_KEY = 'phone-systems.admin-session'

function load(): AdminSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY)
    const session = raw ? (JSON.parse(raw) as AdminSession) : null
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null
  } catch {
    return null
  }
}

/** The signed-in admin: the bearer token every admin call carries. */
export const useAdminSessionStore = defineStore('admin-session', () => {
  const session = ref<AdminSession | null>(load())
  /** True once the platform refused the token, so the sign-in page can say why. */
  const expired = ref(false)

  const token = computed(() => session.value?.token ?? null)
  const email = computed(() => session.value?.admin.email ?? null)
  const signedIn = computed(() => session.value !== null)

  function start(next: AdminSession): void {
    session.value = next
    expired.value = false
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next))
  }

  function end(): void {
    session.value = null
    sessionStorage.removeItem(STORAGE_KEY)
  }

  /** The platform answered 401: the session ended elsewhere or timed out. */
  function expire(): void {
    end()
    expired.value = true
  }

  return { token, email, signedIn, expired, start, end, expire }
})
