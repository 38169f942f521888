import { describe, expect, it } from 'vitest'
import { ageLabel, describeActivity } from './activity'

const at = '2026-12-02T08:00:00.000Z'
const t0 = Date.parse(at)

describe('describeActivity', () => {
  it('names the source and the age of what the run knows', () => {
    expect(describeActivity({ activity: 'working', activitySource: 'hook:Stop', activityAt: at, updatedAt: at }, t0 + 3_000)).toBe('working, from the Stop hook 3 s ago')
    expect(describeActivity({ activity: 'needs_input', activitySource: 'mcp:ask_operator', activityAt: at, updatedAt: at }, t0 + 125_000)).toBe('needs input, from its ask_operator call 2 min ago')
    expect(describeActivity({ activity: 'idle', activitySource: 'terminal:interrupt', activityAt: at, updatedAt: at }, t0)).toBe('idle, from an interrupt typed into its terminal 0 s ago')
  })

  it('says how long nothing was heard instead of guessing', () => {
    expect(describeActivity({ activity: 'unknown', activitySource: 'process:start', activityAt: at, updatedAt: at }, t0 + 4 * 60_000)).toBe('unknown: no signal for 4 min')
    expect(describeActivity({ activity: 'unknown', activitySource: null, activityAt: null, updatedAt: at }, t0)).toBe('unknown: no signal yet')
  })

  it('keeps ages coarse', () => {
    expect([ageLabel(89_000), ageLabel(91_000), ageLabel(2 * 3_600_000)]).toEqual(['89 s', '2 min', '2 h'])
  })
})
