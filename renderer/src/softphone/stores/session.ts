import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiRequestError, apiRequest } from '../../api/http'
import { readActivationInput } from '../activation-input'
import { knownPlatformUrl, rememberPlatformUrl } from '../platform-address'
import { deviceId, deviceName, devicePlatform } from '../device-identity'
import { hasStrings } from '../storage'
import { bridge } from '../../bridge'
import type {
  ActivationResult,
  Me,
  Profile,
  ProfilePatch,
  SipCredentials,
} from '@shared/schemas/activation'
import type { AppLine } from '@shared/schemas/app-line'

/** Where a freshly activated device is in the seed's set-up: Welcome → permissions → profile. */
export type OnboardingStep = 'welcome' | 'permissions' | 'profile' | 'done'

const NEXT_STEP: Record<OnboardingStep, OnboardingStep> = {
  welcome: 'permissions',
  permissions: 'profile',
  profile: 'done',
  done: 'done',
}

interface StoredSession {
  /** The platform this device was activated against, e.g. `http://127.0.0.1:8780`. */
  baseUrl: string
  deviceToken: string
  sip: SipCredentials
  profile: Profile
  line: AppLine | null
  step: OnboardingStep
}

/** Profile and line this recent need no new request. */
const FRESH_MS = 60_000
/** Marked when the activation request leaves: `npm run bench` times from here to registered. */
const ACTIVATION_MARK = 'phone-systems:activation-start'

/** Something the person can act on: shown as is next to the code field or the scanner. */
export class ActivationError extends Error {
  override name = 'ActivationError'
}

/** A short code, and no platform known to send it to: the code screen asks for the `Server address`. */
export class ServerAddressNeeded extends ActivationError {
  override name = 'ServerAddressNeeded'
}

export const SERVER_ADDRESS_NEEDED =
  'Enter the server address too: it is in the link of your invitation email, or your administrator knows it.'

function isStoredSession(value: unknown): value is StoredSession {
  if (!hasStrings(value, ['baseUrl', 'deviceToken', 'step'])) return false
  const v = value as unknown as StoredSession
  return (
    v.step in NEXT_STEP &&
    hasStrings(v.sip, ['wsUri', 'uri', 'authorizationUser', 'password', 'displayName']) &&
    hasStrings(v.profile, ['firstName', 'lastName', 'jobTitle', 'department', 'email'])
  )
}

/** The calling half of the app (JsSIP), loaded when registration starts (prefetch-screens.ts fetches it early). */
const loadCalling = () => import('../../stores/phone')

/**
 * The device's activation: token, SIP credentials, profile and line, kept by
 * the bridge's vault so it survives a restart (safeStorage in the desktop
 * app, localStorage in a browser), and the onboarding step reached.
 * Deliberately free of the SIP stack so the Sign-in screen stays small; the
 * phone store is imported when registration starts.
 */
export const useSessionStore = defineStore('session', () => {
  const kept = bridge.vault.read()
  const session = ref<StoredSession | null>(isStoredSession(kept) ? kept : null)
  /** Why this device was signed out without asking (revoked, user deleted), for the Sign-in screen. */
  const signedOutReason = ref<string | null>(null)
  /** When profile and line last came from the platform in this run (epoch ms). */
  let fetchedAt = 0

  const activated = computed(() => session.value !== null)
  const step = computed(() => session.value?.step ?? null)
  const profile = computed(() => session.value?.profile ?? null)
  const line = computed(() => session.value?.line ?? null)
  /** The SIP domain of this line (`sip:u42@<domain>`), to read dialled SIP addresses. */
  const sipDomain = computed(
    () => /^sips?:[^@]*@([^;>]+)/.exec(session.value?.sip.uri ?? '')?.[1] ?? '',
  )

  function save(next: StoredSession | null): void {
    session.value = next
    if (next) bridge.vault.write(next)
    else bridge.vault.clear()
  }

  /**
   * Trades the code (or whole link) for this device's credentials and starts
   * registering at once, so the line is usually `Ready` before the person
   * has read the Welcome screen.
   */
  async function activate(input: string, serverAddress?: string): Promise<void> {
    const parsed = readActivationInput(input)
    if (!parsed.ok) throw new ActivationError(parsed.message)
    // A link names its platform; a short code goes where the person said, or
    // where the app knows (platform-address.ts).
    const guessed = !parsed.server && !serverAddress
    const baseUrl = parsed.server ?? serverAddress ?? knownPlatformUrl()
    if (!baseUrl) throw new ServerAddressNeeded(SERVER_ADDRESS_NEEDED)
    performance.mark(ACTIVATION_MARK)
    let result: ActivationResult
    try {
      result = await apiRequest<ActivationResult>(baseUrl, 'POST', '/api/activations', {
        body: {
          code: parsed.code,
          deviceId: deviceId(),
          deviceName: deviceName(),
          platform: devicePlatform(),
        },
      })
    } catch (err) {
      // The page's origin was only a guess: a web server that is not a platform
      // answers 404. (No answer at all is the network, said as such below.)
      if (guessed && err instanceof ApiRequestError && err.status === 404)
        throw new ServerAddressNeeded(SERVER_ADDRESS_NEEDED)
      if (err instanceof ApiRequestError)
        throw new ActivationError(err.reasonFor('code') ?? err.message)
      throw err
    }
    rememberPlatformUrl(baseUrl)
    signedOutReason.value = null
    fetchedAt = Date.now()
    // Replacing an activation (a link opened on an activated computer, confirmed
    // with `Replace`): only now that the new one works does the old one go.
    const previous = session.value
    if (previous) await retire(previous)
    save({
      baseUrl,
      deviceToken: result.deviceToken,
      sip: result.sip,
      profile: result.profile,
      line: result.line,
      step: 'welcome',
    })
    void connectSip()
  }

  /**
   * Stops the old line on this computer and deactivates its device on its
   * platform. Activating the same user here again already replaced that device
   * on the platform (its token then answers 401); another user's, or another
   * platform's, would otherwise stay active with nobody using it. Best effort:
   * an unreachable old platform does not stop the new activation.
   */
  async function retire(previous: StoredSession): Promise<void> {
    const { usePhoneStore } = await loadCalling()
    usePhoneStore().disconnect()
    await apiRequest<void>(previous.baseUrl, 'DELETE', '/api/me', {
      token: previous.deviceToken,
    }).catch(() => undefined)
  }

  /** Registers with the SIP server unless already under way; safe to call on every start. */
  async function connectSip(): Promise<void> {
    const { usePhoneStore } = await loadCalling()
    const current = session.value
    const phone = usePhoneStore()
    if (!current || phone.registration.kind !== 'stopped') return
    phone.connect(current.sip, deviceId())
  }

  function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const current = session.value
    if (!current) return Promise.reject(new Error('This device is not activated'))
    return apiRequest<T>(current.baseUrl, method, path, {
      token: current.deviceToken,
      ...(body === undefined ? {} : { body }),
    })
  }

  function applyMe(me: Me): void {
    fetchedAt = Date.now()
    if (session.value) save({ ...session.value, profile: me.profile, line: me.line })
  }

  /**
   * Fresh profile and line from the platform, unless they came less than a
   * minute ago (just activated) and `force` is not set. A 401 means the device was revoked or its
   * user deleted: it is signed out with the platform's reason. Offline is not
   * an error here; the stored copy serves.
   */
  async function refresh(force = false): Promise<void> {
    if (!force && Date.now() - fetchedAt < FRESH_MS) return
    try {
      applyMe(await request<Me>('GET', '/api/me'))
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) forget(err.message)
      else if (!(err instanceof ApiRequestError && err.status === 0)) throw err
    }
  }

  /** `Save and continue`: the profile goes to the platform, and set-up is complete. */
  async function saveProfile(patch: ProfilePatch): Promise<void> {
    applyMe(await request<Me>('PATCH', '/api/me', patch))
    advance('profile')
  }

  /** Moves on from `from` (ignored when already past it, e.g. a double click). */
  function advance(from: OnboardingStep): void {
    if (session.value && session.value.step === from)
      save({ ...session.value, step: NEXT_STEP[from] })
  }

  /**
   * `Sign out`: the platform deactivates this device (its SIP credentials
   * die with it). Already revoked counts as done; an unreachable platform
   * is reported, because signing out only here would leave the device active.
   */
  async function signOut(): Promise<void> {
    try {
      await request<void>('DELETE', '/api/me')
    } catch (err) {
      if (!(err instanceof ApiRequestError && err.status === 401)) throw err
    }
    forget(null)
  }

  /** Drops the activation on this device; `reason` is shown on the Sign-in screen. */
  function forget(reason: string | null): void {
    signedOutReason.value = reason
    save(null)
  }

  return {
    activated,
    step,
    profile,
    line,
    sipDomain,
    signedOutReason,
    activate,
    connectSip,
    refresh,
    saveProfile,
    advance,
    signOut,
    forget,
  }
})
