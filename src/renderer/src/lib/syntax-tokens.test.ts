import { describe, expect, it } from 'vitest'
import { tokenize } from './syntax-tokens'

const kinds = (line: string, ext: string) => tokenize(line, ext).map((t) => [t.kind, t.text])

describe('tokenize', () => {
  it('colors keywords, strings, numbers and a trailing comment in C-like code', () => {
    expect(kinds(`const url = "a//b" + 42 // note`, 'ts')).toEqual([
      ['keyword', 'const'],
      ['plain', ' url = '],
      ['string', '"a//b"'],
      ['plain', ' + '],
      ['number', '42'],
      ['plain', ' '],
      ['comment', '// note']
    ])
  })

  it('uses # comments for scripts and leaves unknown files plain', () => {
    expect(kinds(`echo "$n" # save`, 'sh')).toEqual([['plain', 'echo '], ['string', '"$n"'], ['plain', ' '], ['comment', '# save']])
    expect(kinds('const # x', 'txt')).toEqual([['plain', 'const # x']])
  })

  it('keeps every character of the line', () => {
    const line = `if (x === 'it\\'s') { return 0x1f } /* open`
    expect(tokenize(line, 'js').map((t) => t.text).join('')).toBe(line)
  })
})
