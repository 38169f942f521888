import { describe, expect, it } from 'vitest'
import { refusalOf } from './issue-drag'

describe('issue drag and drop', () => {
  it('allows the lifecycle’s moves and says why others are refused', () => {
    expect(refusalOf('planning', 'approved')).toBeNull()
    expect(refusalOf('approved', 'cancelled')).toBeNull()
    expect(refusalOf('planning', 'planning')).toBeNull()
    expect(refusalOf('planning', 'done')).toBe('Planning → Done is not allowed: from Planning an issue can move to Approved or Cancelled.')
    expect(refusalOf('done', 'planning')).toBe('Done → Planning is not allowed: a done issue does not move any more.')
  })
})
