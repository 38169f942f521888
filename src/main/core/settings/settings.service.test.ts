import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'

describe('settings', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  it('starts from defaults, validates updates whole, and records them', async () => {
    expect(await t.core.client.invoke('settings.get', {})).toMatchObject({ theme: 'system', terminalRenderer: 'auto', concurrency: { global: 4 } })
    const updated = await t.core.client.invoke('settings.update', { patch: { theme: 'dark', concurrency: { global: 8 } } })
    expect(updated).toMatchObject({ theme: 'dark', concurrency: { global: 8 } })
    await expect(t.core.client.invoke('settings.update', { patch: { theme: 'blue' } })).rejects.toMatchObject({ code: 'invalid_input', path: 'patch.theme' })
    await expect(t.core.client.invoke('settings.update', { patch: { terminalRenderer: 'vulkan' } })).rejects.toMatchObject({ code: 'invalid_input', path: 'patch.terminalRenderer' })
    await expect(t.core.client.invoke('settings.update', { patch: { colour: 'red' } })).rejects.toMatchObject({ code: 'invalid_input', path: 'patch.colour' })
    expect((await t.core.client.invoke('settings.get', {})).theme).toBe('dark')
    const events = await t.core.client.invoke('event.list', {})
    expect(events.filter((e) => e.topic === 'settings.updated')).toHaveLength(1)
  })
})
