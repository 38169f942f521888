import { describe, expect, it } from 'vitest'
import { splitArgv } from './split-argv'

describe('splitArgv', () => {
  it('splits on runs of whitespace', () => {
    expect(splitArgv('  make   test\tfast ')).toEqual(['make', 'test', 'fast'])
    expect(splitArgv('')).toEqual([])
  })

  it('keeps quoted text together, with shell metacharacters literal', () => {
    expect(splitArgv(`sh -c 'printf "name? "; read n; echo "$n" > name.txt'`)).toEqual([
      'sh',
      '-c',
      'printf "name? "; read n; echo "$n" > name.txt'
    ])
    expect(splitArgv('echo "a b" c')).toEqual(['echo', 'a b', 'c'])
    expect(splitArgv('echo $(rm -rf x); ls')).toEqual(['echo', '$(rm', '-rf', 'x);', 'ls'])
  })

  it('joins adjacent quoted and bare parts into one word, and keeps empty quoted words', () => {
    expect(splitArgv(`--name="my app"'s' x`)).toEqual(['--name=my apps', 'x'])
    expect(splitArgv(`a '' b`)).toEqual(['a', '', 'b'])
  })

  it('handles backslash escapes outside and inside double quotes', () => {
    expect(splitArgv('a\\ b')).toEqual(['a b'])
    expect(splitArgv('"say \\"hi\\" \\n"')).toEqual(['say "hi" \\n'])
    expect(splitArgv("'no \\escape'")).toEqual(['no \\escape'])
  })

  it('refuses unterminated quotes and a trailing backslash', () => {
    expect(() => splitArgv(`echo 'oops`)).toThrow(/single quote/)
    expect(() => splitArgv('echo "oops')).toThrow(/double quote/)
    expect(() => splitArgv('echo \\')).toThrow(/backslash/)
  })
})
