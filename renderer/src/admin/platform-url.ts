import { ref } from 'vue'

/**
 * Where the admin console's API is. In a browser the platform served the
 * page, so it is the page's own origin (''); in the desktop app the admin
 * window connects first (`/admin/connect`: the office's address or
 * `This computer`) and sets it here.
 */
export const adminPlatformUrl = ref<string | null>(window.phoneSystems ? null : '')

export function setAdminPlatformUrl(url: string): void {
  adminPlatformUrl.value = url
}
