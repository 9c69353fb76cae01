import type { RoutePlugin } from '../route-plugin'
import { documentTag } from '../openapi'
import { fieldError } from '../../errors'
import { SIP_BLOCKING } from '../../sip/blocking-limits'
import { listBlockedAddresses, unblockAddress } from '../../sip/blocked-addresses'
import { blockedAddressListSchema, blockedAddressParamsSchema } from '@shared/schemas/sip-blocks'

/** The addresses Kamailio ignores after a request flood or repeated failed sign-ins to SIP. */
export const sipBlockRoutes: RoutePlugin = async (app, { ctx }) => {
  documentTag(app, 'SIP')

  app.get(
    '/api/admin/sip/blocked',
    { schema: { response: { 200: blockedAddressListSchema } } },
    async () => {
      const rpc = ctx.sipRpc
      const blockSeconds = SIP_BLOCKING.blockSeconds
      if (!rpc) return { available: false, blockSeconds, items: [] }
      try {
        return { available: true, blockSeconds, items: await listBlockedAddresses(rpc) }
      } catch (err) {
        // Kamailio restarting: say the list is unknown rather than empty.
        app.log.warn({ err }, 'could not read the blocked SIP addresses')
        return { available: false, blockSeconds, items: [] }
      }
    },
  )

  app.delete(
    '/api/admin/sip/blocked/:address',
    { schema: { params: blockedAddressParamsSchema } },
    async (request, reply) => {
      const rpc = ctx.sipRpc
      if (!rpc) {
        throw fieldError(503, 'Service Unavailable', 'address', 'no SIP server is running')
      }
      if (!(await unblockAddress(rpc, request.params.address))) {
        throw fieldError(404, 'Not Found', 'address', 'this address is not blocked')
      }
      return reply.status(204).send()
    },
  )
}
