import { randomBytes } from 'node:crypto'
import type { PlatformConfig } from '../config'
import { DEFAULT_RPC_PORT, findTemplate, kamailioDir, writeKamailioConfig } from './kamailio-config'
import { KamailioRpc, removeDeviceBindings } from './kamailio-rpc'
import { KamailioSupervisor, findExecutable, type SupervisorLog } from './kamailio-supervisor'

/** How long start-up waits for Kamailio before the platform goes on without it. */
const START_WAIT_MS = 10_000
/**
 * A REGISTER authenticated just before the device's credentials were deleted
 * can be saved just after the first sweep; a second sweep catches it.
 */
const SECOND_SWEEP_MS = 1500

/** The platform's side of the SIP edge: the Kamailio it runs, if any, and revocation. */
export interface KamailioEdge {
  /** The supervised Kamailio; undefined when off or not installed. */
  supervisor: KamailioSupervisor | undefined
  /** Where revocations go; undefined when there is no Kamailio to tell. */
  rpc: KamailioRpc | undefined
  /** Drops one device's registrations now. Never throws: failures are logged. */
  revokeDevice(sipUsername: string): void
  stop(): Promise<void>
}

/**
 * Starts Kamailio as a child when PHONE_SYSTEMS_KAMAILIO names a binary that
 * exists; the platform works without it (HTTP, activation), only calls need it.
 * With `off`, revocations still reach an external Kamailio on this host when
 * PHONE_SYSTEMS_SIP_RPC_PORT says where its RPC listener is and
 * PHONE_SYSTEMS_SIP_RPC_KEY is the key its config was rendered with.
 */
export async function startKamailioEdge(
  config: PlatformConfig,
  databaseFile: string,
  publicUrl: string,
  log: SupervisorLog,
): Promise<KamailioEdge> {
  let supervisor: KamailioSupervisor | undefined
  // A new key per start: one read from an old config file is worth nothing now.
  const rpcKey = config.sipRpcKey ?? randomBytes(32).toString('base64url')
  let rpc: KamailioRpc | undefined
  if (config.kamailio === 'off' && config.sipRpcPort) {
    if (config.sipRpcKey) rpc = new KamailioRpc(config.sipRpcPort, config.sipRpcKey)
    else {
      log.warn(
        'PHONE_SYSTEMS_SIP_RPC_KEY is not set: the external Kamailio refuses RPC without it, ' +
          'so revoked devices stay registered until they expire (docs/kamailio.md)',
      )
    }
  }
  const sweeps = new Set<NodeJS.Timeout>()

  if (config.kamailio !== 'off') {
    const binary = await findExecutable(config.kamailio)
    const template = findTemplate()
    if (!binary) {
      log.warn(
        `${config.kamailio} not found: no SIP server started. Install Kamailio, or run one ` +
          'yourself and set PHONE_SYSTEMS_KAMAILIO=off (docs/kamailio.md)',
      )
    } else if (!template) {
      log.warn('deploy/kamailio/kamailio.cfg.template not found: no SIP server started')
    } else {
      rpc = new KamailioRpc(config.sipRpcPort ?? DEFAULT_RPC_PORT, rpcKey)
      supervisor = new KamailioSupervisor({
        binary,
        rpc,
        log,
        workDir: kamailioDir(config),
        prepare: async () =>
          (await writeKamailioConfig(config, databaseFile, { rpcKey, publicUrl }, template)).file,
      })
      supervisor.start()
      await Promise.race([
        supervisor.firstStart,
        new Promise((resolve) => setTimeout(resolve, START_WAIT_MS).unref()),
      ])
      if (!supervisor.isReady) log.warn('Kamailio is not ready yet; calls will work once it is')
    }
  }

  const sweep = async (device: string) => {
    if (!rpc) return
    try {
      const { removed, closed } = await removeDeviceBindings(rpc, device)
      if (removed || closed) {
        log.info(
          `device ${device}: ${removed} registration(s) removed, ${closed} connection(s) closed`,
        )
      }
    } catch (err) {
      log.warn(`could not drop the registrations of device ${device}: ${String(err)}`)
    }
  }

  return {
    supervisor,
    rpc,
    revokeDevice(device) {
      if (!rpc) return
      void sweep(device)
      const timer = setTimeout(() => {
        sweeps.delete(timer)
        void sweep(device)
      }, SECOND_SWEEP_MS)
      timer.unref()
      sweeps.add(timer)
    },
    async stop() {
      for (const timer of sweeps) clearTimeout(timer)
      sweeps.clear()
      await supervisor?.stop()
    },
  }
}
