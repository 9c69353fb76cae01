import { z } from 'zod'
import { countQuery, emailSchema, pageQuery, text } from './common'
import { appLineSchema } from './app-line'
import { invitationSchema } from './invitations'

const NAME_MAX = 100

export const userInputSchema = z.strictObject({
  firstName: text(NAME_MAX).default(''),
  lastName: text(NAME_MAX).default(''),
  department: text(NAME_MAX).default(''),
  jobTitle: text(NAME_MAX).default(''),
  email: emailSchema,
})

/** PATCH: every field optional, none may be set to an invalid value. */
export const userPatchSchema = z.strictObject({
  firstName: text(NAME_MAX).optional(),
  lastName: text(NAME_MAX).optional(),
  department: text(NAME_MAX).optional(),
  jobTitle: text(NAME_MAX).optional(),
  email: emailSchema.optional(),
})

export const USER_STATUSES = ['not_invited', 'invited', 'invitation_failed', 'active'] as const
export const userStatusSchema = z.enum(USER_STATUSES)

export const USER_SORT_FIELDS = [
  'name',
  'email',
  'department',
  'didNumber',
  'internalNumber',
  'createdAt',
  'lastSeenAt',
] as const

export const userListQuerySchema = z.strictObject({
  q: text(200).optional(),
  status: userStatusSchema.optional(),
  department: text(NAME_MAX).optional(),
  sort: z.enum(USER_SORT_FIELDS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: pageQuery,
  pageSize: countQuery(200, 50),
})

export const userSchema = z.object({
  id: z.number(),
  firstName: z.string(),
  lastName: z.string(),
  department: z.string(),
  jobTitle: z.string(),
  email: z.string(),
  status: userStatusSchema,
  activeDevices: z.number(),
  lastSeenAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  line: appLineSchema.nullable(),
  invitation: invitationSchema.nullable(),
})

export const userListSchema = z.object({
  items: z.array(userSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
})

export type UserInput = z.infer<typeof userInputSchema>
export type UserPatch = z.infer<typeof userPatchSchema>
export type UserStatus = z.infer<typeof userStatusSchema>
export type UserListQuery = z.infer<typeof userListQuerySchema>
export type User = z.infer<typeof userSchema>
export type UserList = z.infer<typeof userListSchema>
