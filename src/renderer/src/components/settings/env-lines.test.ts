import { describe, expect, it } from 'vitest'
import { formatEnvLines, parseEnvLines } from './env-lines'

describe('env lines', () => {
  it('round-trips NAME=value lines, keeps = in values, skips comments, names the bad line', () => {
    const { env } = parseEnvLines('# proxy\nHTTPS_PROXY=http://p:8080\n\nTOKEN=a=b\n')
    expect(env).toEqual({ HTTPS_PROXY: 'http://p:8080', TOKEN: 'a=b' })
    expect(parseEnvLines(formatEnvLines(env)).env).toEqual(env)
    expect(parseEnvLines('OK=1\nnot a pair').error).toBe('line 2: expected NAME=value')
    expect(parseEnvLines('1BAD=x').error).toBe('line 1: expected NAME=value')
  })
})
