import type { ApiError, FieldError } from '@shared/schemas/errors'

/** A failed API call: the platform's answer (status, sentence, fields) or a network failure (status 0). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message)
    this.name = 'ApiRequestError'
  }

  /** The reason given for one field, to show next to its input. */
  reasonFor(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.reason
  }
}

export interface RequestOptions {
  token?: string | null
  body?: unknown
  query?: Record<string, string | number | boolean | undefined | null>
  signal?: AbortSignal
}

export const UNREACHABLE =
  'The phone.systems platform cannot be reached. Check the network connection and try again.'

/**
 * JSON over fetch against the platform at `baseUrl` ('' for the page's own
 * origin). Errors come back as ApiRequestError with the platform's own
 * message, which names the field and the reason.
 */
export async function apiRequest<T>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const url = new URL(`${baseUrl}${path}`, window.location.origin)
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '')
      url.searchParams.set(key, String(value))
  }
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiRequestError(0, UNREACHABLE)
  }
  const text = await response.text()
  const data: unknown = text ? safeJson(text) : undefined
  if (!response.ok) {
    const error = data as Partial<ApiError> | undefined
    throw new ApiRequestError(
      response.status,
      error?.message ?? `The platform answered ${response.status} ${response.statusText}`,
      error?.fields ?? [],
    )
  }
  return data as T
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
