import type { Migration } from '../migration'
import { initial } from './001-initial'
import { kamailio } from './002-kamailio'
import { internalNumberIndex } from './003-internal-number-index'

/** Every migration, in order. Append only: a released migration never changes. */
export const migrations: readonly Migration[] = [initial, kamailio, internalNumberIndex]
