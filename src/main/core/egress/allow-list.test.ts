import { describe, expect, it } from 'vitest'
import { allowed, hostPatternError, parseRules } from './allow-list'

describe('network allow-list', () => {
  it('matches hosts, ports and subdomain wildcards, and nothing else', () => {
    const rules = parseRules(['api.anthropic.com:443', '*.npmjs.org', '127.0.0.1:8080', 'Registry.Example'])
    expect(allowed(rules, 'api.anthropic.com', 443)).toBe(true)
    expect(allowed(rules, 'api.anthropic.com', 80)).toBe(false)
    expect(allowed(rules, 'evil-api.anthropic.com', 443)).toBe(false)
    expect(allowed(rules, 'registry.npmjs.org', 443)).toBe(true)
    expect(allowed(rules, 'npmjs.org', 443)).toBe(false)
    expect(allowed(rules, 'registry.npmjs.org.evil.com', 443)).toBe(false)
    expect(allowed(rules, '127.0.0.1', 8080)).toBe(true)
    expect(allowed(rules, '127.0.0.1', 8081)).toBe(false)
    expect(allowed(rules, 'REGISTRY.example.', 1234)).toBe(true)
  })

  it('names what is wrong with a bad pattern', () => {
    expect(hostPatternError('api.anthropic.com')).toBeNull()
    expect(hostPatternError('https://api.anthropic.com')).toMatch(/not a host pattern/)
    expect(hostPatternError('a*.b.com')).toMatch(/not a host pattern/)
    expect(hostPatternError('host:70000')).toMatch(/port 70000 is out of range/)
    expect(hostPatternError('bad_host')).toMatch(/not a host name/)
  })
})
