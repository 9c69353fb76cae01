import { z } from 'zod'

export const deviceSchema = z.object({
  id: z.number(),
  userId: z.number(),
  name: z.string(),
  platform: z.string(),
  activatedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})

export const deviceListSchema = z.object({ items: z.array(deviceSchema) })

export type Device = z.infer<typeof deviceSchema>
