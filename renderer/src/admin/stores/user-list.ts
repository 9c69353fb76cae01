import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listUsers } from '../api'
import { usePagedList } from '../composables/usePagedList'
import type { User, UserListQuery, UserStatus } from '@shared/schemas/users'

export type UserSort = UserListQuery['sort']

/**
 * The Users page's query and its current page of rows. A store rather than
 * component state, so search, filters and page survive a trip to Create User
 * or Edit App Configuration and back.
 */
export const useUserListStore = defineStore('admin-user-list', () => {
  const q = ref('')
  const status = ref<UserStatus | null>(null)
  const department = ref<string | null>(null)
  const sort = ref<UserSort>('name')
  const order = ref<'asc' | 'desc'>('asc')
  const page = ref(1)
  // 25 rows fill a laptop screen; each row drawn costs time, so more is opt-in.
  const pageSize = ref(25)

  /**
   * The page for the current query. Search runs on every keystroke without a
   * debounce: only the answer to what is in the box now is shown.
   */
  const { items, total, error, loaded, load } = usePagedList<User>((signal) =>
    listUsers(
      {
        q: q.value.trim() || undefined,
        status: status.value ?? undefined,
        department: department.value ?? undefined,
        sort: sort.value,
        order: order.value,
        page: page.value,
        pageSize: pageSize.value,
      },
      signal,
    ),
  )

  /** A filter changed: back to the first page. */
  function refilter(): Promise<void> {
    page.value = 1
    return load()
  }

  /** Shows a user as the platform just returned them, without reloading the page. */
  function replace(user: User): void {
    const index = items.value.findIndex((u) => u.id === user.id)
    if (index >= 0) items.value.splice(index, 1, user)
  }

  return {
    q,
    status,
    department,
    sort,
    order,
    page,
    pageSize,
    items,
    total,
    error,
    loaded,
    load,
    refilter,
    replace,
  }
})
