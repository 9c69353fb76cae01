import { z } from 'zod'

/** An address Kamailio ignores for a while: a request flood or repeated failed authentications. */
export const blockedAddressSchema = z.object({
  address: z.string(),
  /** `flood` or `authentication failures`, as the Kamailio config records it. */
  reason: z.string(),
})

export const blockedAddressListSchema = z.object({
  /** False when no Kamailio is reachable over RPC: the list is then unknown, not empty. */
  available: z.boolean(),
  /** How long a block lasts, in seconds. */
  blockSeconds: z.number(),
  items: z.array(blockedAddressSchema),
})

export const blockedAddressParamsSchema = z.strictObject({
  address: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }),
})

export type BlockedAddress = z.infer<typeof blockedAddressSchema>
export type BlockedAddressList = z.infer<typeof blockedAddressListSchema>
