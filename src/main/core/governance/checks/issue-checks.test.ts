import { describe, expect, it } from 'vitest'
import type { ContextPacket, Issue } from '../../../../shared/domain'
import { issueComponent } from './issue-checks'

const issue = { labels: [] as string[] } as unknown as Issue
const packet = (component: unknown) => ({ content: { inputs: { component } } }) as unknown as ContextPacket

describe('issueComponent', () => {
  it('reads the component a plan stored as an object (id, name, type, responsibility)', () => {
    // plan-approve.ts writes this shape into every planned issue's ContextPacket v1.
    expect(issueComponent(issue, packet({ id: 'api', name: 'API service', type: 'service', responsibility: 'serves' }))).toBe('api')
    expect(issueComponent(issue, packet({ id: 'web' }))).toBe('web')
  })

  it('reads a plain string, then a component: label, else nothing', () => {
    expect(issueComponent(issue, packet(' api '))).toBe('api')
    expect(issueComponent({ labels: ['ui', 'component:web'] } as unknown as Issue, packet(undefined))).toBe('web')
    expect(issueComponent(issue, packet({ name: 42 }))).toBeNull()
    expect(issueComponent(issue, undefined)).toBeNull()
  })
})
