import { reactive } from 'vue'
import { ApiRequestError } from '../../api/http'
import { errorMessage } from '../format'

/**
 * Error messages next to the inputs they concern. Messages read "<label>
 * <reason>" ("Email is already used by another user"): the platform's and the
 * shared schemas' reasons are written to follow the field's name.
 */
export function useFieldErrors<F extends string>(labels: Record<F, string>) {
  const errors = reactive<Partial<Record<F, string>>>({})

  const isField = (name: string): name is F => Object.hasOwn(labels, name)

  function set(field: F, reason: string | undefined): void {
    if (reason) (errors as Record<F, string>)[field] = `${labels[field]} ${reason}`
    else delete (errors as Record<F, string>)[field]
  }

  function clear(): void {
    for (const key of Object.keys(errors) as F[]) set(key, undefined)
  }

  /**
   * Shows each field error of a failed call at its input (`callerIds.1`
   * belongs to `callerIds`) and returns a sentence for whatever no input
   * shows, or null when every error found its input.
   */
  function fromError(err: unknown): string | null {
    clear()
    if (!(err instanceof ApiRequestError) || err.fields.length === 0) return errorMessage(err)
    const rest: string[] = []
    for (const { field, reason } of err.fields) {
      const base = field.split('.')[0] ?? field
      if (isField(field)) set(field, reason)
      else if (isField(base)) set(base, reason)
      else rest.push(`${field}: ${reason}`)
    }
    return rest.length > 0 ? rest.join('; ') : null
  }

  const hasErrors = () => Object.keys(errors).length > 0

  return { errors, set, clear, fromError, hasErrors }
}
