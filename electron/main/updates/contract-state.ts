import type { UpdateState as ContractState } from '@shared/ipc/contract'
import type { UpdateState } from './update-manager'

/** The manager's state as the IPC contract carries it to Settings. */
export function toContractState(state: UpdateState): ContractState {
  switch (state.status) {
    case 'downloading':
      return { kind: 'downloading', percent: Math.round(state.percent ?? 0) }
    case 'ready':
      return { kind: 'ready', version: state.version }
    case 'error':
      return { kind: 'error', message: state.message }
    default:
      return { kind: state.status }
  }
}
