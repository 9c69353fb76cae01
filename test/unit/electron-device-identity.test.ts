import { describe, expect, it } from 'vitest'
import { deviceIdentity } from '../../electron/main/device-identity'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const RAW = '4c4c4544-0042-3510-8052-b3c04f4b4d32'

describe('device identity', () => {
  it('is a v4 UUID, the same every time for this computer, and never the machine id', () => {
    const deps = { machineId: () => RAW, hostname: () => 'anna-laptop', platform: 'linux' as const }
    const first = deviceIdentity(deps)
    expect(first.id).toMatch(UUID_V4)
    expect(deviceIdentity(deps).id).toBe(first.id)
    expect(first.id.replaceAll('-', '')).not.toContain(RAW.replaceAll('-', '').slice(0, 12))
  })

  it('another computer gets another id', () => {
    const a = deviceIdentity({ machineId: () => RAW, hostname: () => 'a', platform: 'win32' })
    const b = deviceIdentity({ machineId: () => `${RAW}0`, hostname: () => 'a', platform: 'win32' })
    expect(a.id).not.toBe(b.id)
  })

  it.each([
    ['annas-macbook.local', 'darwin', 'annas-macbook (macOS)'],
    ['RECEPTION-PC', 'win32', 'RECEPTION-PC (Windows)'],
    ['', 'linux', 'phone.systems desktop on Linux'],
  ] as const)('names %s on %s as %s', (hostname, platform, name) => {
    expect(deviceIdentity({ machineId: () => RAW, hostname: () => hostname, platform }).name).toBe(
      name,
    )
  })
})
