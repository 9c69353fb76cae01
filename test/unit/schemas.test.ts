import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { appLineInputSchema, userInputSchema, userListQuerySchema } from '@shared/schemas'

/** The issues of a failed parse as `path: message`, so a test names both the field and the reason. */
function issuesOf(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(input)
  expect(result.success, `expected ${JSON.stringify(input)} to be rejected`).toBe(false)
  return (result.error?.issues ?? []).map((i) => ({ path: i.path.join('.'), message: i.message }))
}

function pathsOf(schema: z.ZodType, input: unknown): string[] {
  return issuesOf(schema, input).map((i) => i.path)
}

const VALID_USER = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  department: 'Engineering',
  jobTitle: 'Analyst',
  email: 'ada@example.com',
}

describe('userInputSchema', () => {
  it('accepts a complete user and trims every field', () => {
    const parsed = userInputSchema.parse({
      firstName: '  Ada ',
      lastName: '\tLovelace\n',
      department: ' Engineering',
      jobTitle: 'Analyst  ',
      email: '  ada@example.com ',
    })
    expect(parsed).toEqual(VALID_USER)
  })

  it('defaults the optional text fields to empty strings', () => {
    expect(userInputSchema.parse({ email: 'ada@example.com' })).toEqual({
      firstName: '',
      lastName: '',
      department: '',
      jobTitle: '',
      email: 'ada@example.com',
    })
  })

  it('accepts Unicode names', () => {
    const unicode = {
      ...VALID_USER,
      firstName: 'Søren Åge',
      lastName: 'Ærø-Müller',
      department: '研究開発',
      jobTitle: 'Ingénieure 👩‍💻',
    }
    expect(userInputSchema.parse(unicode)).toEqual(unicode)
  })

  it('limits names to 100 characters, counted after trimming', () => {
    expect(userInputSchema.parse({ ...VALID_USER, firstName: 'a'.repeat(100) }).firstName).toBe(
      'a'.repeat(100),
    )
    expect(
      userInputSchema.parse({ ...VALID_USER, lastName: `  ${'b'.repeat(100)}  ` }).lastName,
    ).toBe('b'.repeat(100))
    for (const field of ['firstName', 'lastName', 'department', 'jobTitle']) {
      expect(issuesOf(userInputSchema, { ...VALID_USER, [field]: 'x'.repeat(101) })).toEqual([
        { path: field, message: 'must be at most 100 characters' },
      ])
    }
  })

  it('rejects control characters inside a field', () => {
    for (const bad of ['Ada\u0000', 'Ada\nLovelace', 'A\u0007da', 'Ada\u001bx', 'Ada\u007f!']) {
      expect(
        issuesOf(userInputSchema, { ...VALID_USER, jobTitle: bad }),
        JSON.stringify(bad),
      ).toEqual([{ path: 'jobTitle', message: 'must not contain control characters' }])
    }
  })

  it('requires an email', () => {
    expect(issuesOf(userInputSchema, { firstName: 'Ada' })).toEqual([
      { path: 'email', message: 'is required' },
    ])
    expect(issuesOf(userInputSchema, { ...VALID_USER, email: '   ' })).toEqual([
      { path: 'email', message: 'is required' },
    ])
  })

  it('requires a valid email', () => {
    for (const bad of [
      'ada',
      'ada@',
      '@example.com',
      'ada@example',
      'ada @example.com',
      'a@b@c.com',
    ]) {
      expect(issuesOf(userInputSchema, { ...VALID_USER, email: bad }), bad).toEqual([
        { path: 'email', message: 'must be a valid email address' },
      ])
    }
    expect(issuesOf(userInputSchema, { ...VALID_USER, email: 42 })).toEqual([
      { path: 'email', message: 'must be text' },
    ])
    expect(
      issuesOf(userInputSchema, { ...VALID_USER, email: `${'a'.repeat(250)}@example.com` }),
    ).toContainEqual({ path: 'email', message: 'must be at most 254 characters' })
  })

  it('reports every bad field with its own path', () => {
    const paths = pathsOf(userInputSchema, {
      firstName: 7,
      lastName: 'x'.repeat(101),
      department: 'a\u0001b',
      email: 'nope',
    })
    expect(paths.sort()).toEqual(['department', 'email', 'firstName', 'lastName'])
  })

  it('rejects unknown fields', () => {
    expect(pathsOf(userInputSchema, { ...VALID_USER, admin: true })).toEqual([''])
    const [issue] = userInputSchema.safeParse({ ...VALID_USER, admin: true }).error!.issues
    expect(issue).toMatchObject({ code: 'unrecognized_keys', keys: ['admin'] })
  })
})

describe('appLineInputSchema', () => {
  it('fills in defaults for an empty line', () => {
    expect(appLineInputSchema.parse({})).toEqual({
      didNumber: null,
      externalOutbound: false,
      callerIds: [],
      defaultCallerId: null,
      recording: {
        inboundInternal: false,
        inboundExternal: false,
        outboundInternal: false,
        outboundExternal: false,
      },
    })
  })

  it('normalises numbers to E.164', () => {
    const parsed = appLineInputSchema.parse({
      didNumber: '+45 20 30 40 50',
      internalNumber: ' 201 ',
      callerIds: ['0045 20 30 40 51', '+4520304050'],
      defaultCallerId: '+45 20 30 40 51',
      recording: { inboundExternal: true },
    })
    expect(parsed).toMatchObject({
      didNumber: '+4520304050',
      internalNumber: '201',
      callerIds: ['+4520304051', '+4520304050'],
      defaultCallerId: '+4520304051',
      recording: { inboundExternal: true, inboundInternal: false },
    })
  })

  it('rejects a caller ID listed twice, also when written differently', () => {
    expect(
      issuesOf(appLineInputSchema, {
        callerIds: ['+4520304050', '+4520304050'],
        defaultCallerId: '+4520304050',
      }),
    ).toEqual([{ path: 'callerIds', message: 'must not list a number twice' }])
    expect(
      issuesOf(appLineInputSchema, {
        callerIds: ['+45 20 30 40 50', '004520304050'],
        defaultCallerId: '+4520304050',
      }),
    ).toEqual([{ path: 'callerIds', message: 'must not list a number twice' }])
  })

  it('rejects a default caller ID that is not in the list', () => {
    expect(
      issuesOf(appLineInputSchema, {
        callerIds: ['+4520304050'],
        defaultCallerId: '+4520304051',
      }),
    ).toEqual([{ path: 'defaultCallerId', message: 'must be one of the caller IDs' }])
    expect(issuesOf(appLineInputSchema, { defaultCallerId: '+4520304051' })).toEqual([
      { path: 'defaultCallerId', message: 'must be one of the caller IDs' },
    ])
  })

  it('requires a default when caller IDs are given', () => {
    expect(issuesOf(appLineInputSchema, { callerIds: ['+4520304050'] })).toEqual([
      { path: 'defaultCallerId', message: 'is required when caller IDs are given' },
    ])
  })

  it('accepts internal numbers of 2 to 6 digits not starting with 0', () => {
    for (const ok of ['10', '201', '9999', '123456']) {
      expect(appLineInputSchema.parse({ internalNumber: ok }).internalNumber).toBe(ok)
    }
    for (const bad of ['1', '0123', '01', '1234567', '12a', '+45', '1 2', '']) {
      expect(issuesOf(appLineInputSchema, { internalNumber: bad }), bad).toEqual([
        { path: 'internalNumber', message: 'must be 2 to 6 digits, not starting with 0' },
      ])
    }
    expect(pathsOf(appLineInputSchema, { internalNumber: 201 })).toEqual(['internalNumber'])
  })

  it('names the field of a bad phone number, down to the list index', () => {
    expect(pathsOf(appLineInputSchema, { didNumber: '20304050' })).toEqual(['didNumber'])
    expect(
      pathsOf(appLineInputSchema, {
        callerIds: ['+4520304050', 'garbage'],
        defaultCallerId: '+4520304050',
      }),
    ).toEqual(['callerIds.1'])
    expect(pathsOf(appLineInputSchema, { recording: { outboundExternal: 'yes' } })).toEqual([
      'recording.outboundExternal',
    ])
  })
})

describe('userListQuerySchema', () => {
  it('defaults to the first page of 50 sorted by name ascending', () => {
    expect(userListQuerySchema.parse({})).toEqual({
      sort: 'name',
      order: 'asc',
      page: 1,
      pageSize: 50,
    })
  })

  it('coerces query-string numbers', () => {
    expect(userListQuerySchema.parse({ page: '3', pageSize: '200' })).toMatchObject({
      page: 3,
      pageSize: 200,
    })
  })

  it('bounds page and pageSize', () => {
    for (const page of ['0', '-1', '1.5', 'abc', '1000001']) {
      expect(pathsOf(userListQuerySchema, { page }), page).toEqual(['page'])
    }
    expect(userListQuerySchema.parse({ page: '1000000' }).page).toBe(1_000_000)
    for (const pageSize of ['0', '201', '2.5', 'many']) {
      expect(issuesOf(userListQuerySchema, { pageSize }), pageSize).toEqual([
        { path: 'pageSize', message: 'must be a whole number from 1 to 200' },
      ])
    }
    expect(userListQuerySchema.parse({ pageSize: '1' }).pageSize).toBe(1)
  })

  it('accepts only known sort fields, orders and statuses', () => {
    expect(
      userListQuerySchema.parse({ sort: 'lastSeenAt', order: 'desc', status: 'active' }),
    ).toMatchObject({ sort: 'lastSeenAt', order: 'desc', status: 'active' })
    expect(pathsOf(userListQuerySchema, { sort: 'password_hash' })).toEqual(['sort'])
    expect(pathsOf(userListQuerySchema, { order: 'sideways' })).toEqual(['order'])
    expect(pathsOf(userListQuerySchema, { status: 'deleted' })).toEqual(['status'])
  })

  it('trims and bounds the search text', () => {
    expect(userListQuerySchema.parse({ q: '  ada  ' }).q).toBe('ada')
    expect(pathsOf(userListQuerySchema, { q: 'x'.repeat(201) })).toEqual(['q'])
    expect(pathsOf(userListQuerySchema, { q: 'a\u0000b' })).toEqual(['q'])
  })
})
