import type { ActivationResult, Me } from '@shared/schemas/activation'
import type { AppLine } from '@shared/schemas/app-line'

/** What the platform hands a device for a valid code, shaped by the shared schema. */
export function activationResult(): ActivationResult {
  return {
    deviceToken: 'device-token-1',
    sip: {
      wsUri: 'ws://127.0.0.1:8088/ws',
      uri: 'sip:u42@pbx.example',
      authorizationUser: 'u42',
      password: 'sip-secret',
      displayName: 'Ada Lovelace',
    },
    profile: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      jobTitle: 'Engineer',
      department: 'R&D',
      email: 'ada@example.com',
    },
    line: line(),
  }
}

export function line(overrides: Partial<AppLine> = {}): AppLine {
  return {
    didNumber: '+4520304050',
    internalNumber: '101',
    externalOutbound: true,
    callerIds: ['+4520304050'],
    defaultCallerId: '+4520304050',
    recording: {
      inboundInternal: false,
      inboundExternal: false,
      outboundInternal: false,
      outboundExternal: false,
    },
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  }
}

export function me(
  overrides: Partial<Me['profile']> = {},
  lineOverrides: Partial<AppLine> = {},
): Me {
  return {
    profile: { ...activationResult().profile, ...overrides },
    line: line(lineOverrides),
    device: { id: 7, name: 'Chrome on Linux', platform: 'web' },
  }
}
