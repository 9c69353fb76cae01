import type { BlockedAddress } from '@shared/schemas/sip-blocks'
import { RpcError, htableValue, type KamailioRpc } from './kamailio-rpc'

/** The config's htable of blocked source addresses -> reason. */
const TABLE = 'blocked'

interface HtableSlot {
  slot?: { name: string; value: unknown }[]
}

/** Every address Kamailio is ignoring now, sorted. */
export async function listBlockedAddresses(rpc: KamailioRpc): Promise<BlockedAddress[]> {
  const entries = await rpc.call<HtableSlot[]>('htable.dump', TABLE)
  return entries
    .flatMap((entry) => entry.slot ?? [])
    .map((item) => ({ address: item.name, reason: String(item.value) }))
    .sort((a, b) => a.address.localeCompare(b.address))
}

/** Lifts a block now; false when the address was not blocked. */
export async function unblockAddress(rpc: KamailioRpc, address: string): Promise<boolean> {
  if ((await htableValue(rpc, TABLE, address)) === null) return false
  try {
    await rpc.call('htable.delete', TABLE, address)
  } catch (err) {
    // Expired between the two calls: the address is free either way.
    if (!(err instanceof RpcError)) throw err
  }
  return true
}
