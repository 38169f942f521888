import { describe, expect, it } from 'vitest'
import { counted } from './plural'

describe('counted', () => {
  it('puts the noun in the number its count calls for', () => {
    expect([0, 1, 2, 10_000].map((n) => counted(n, 'repository', 'repositories'))).toEqual(['0 repositories', '1 repository', '2 repositories', '10,000 repositories'])
    expect(counted(1, 'issue')).toBe('1 issue')
    expect(counted(3, 'open question')).toBe('3 open questions')
  })
})
