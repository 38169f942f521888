import { describe, expect, it } from 'vitest'
import { parsePorcelainStatus } from './git-status'
import { parseRawNumstat } from './workspace-changes'
import { parseWorktreeList } from './worktree-list'

describe('porcelain parsers', () => {
  it('status: branch headers, renames and odd file names', () => {
    expect(parsePorcelainStatus('## main...origin/main [ahead 1]\0R  new\tname\0old name\0?? dir/\0 M -rf\0')).toEqual({
      branch: 'main',
      files: ['new\tname', 'dir/', '-rf'],
    })
    expect(parsePorcelainStatus('## HEAD (no branch)\0')).toEqual({ branch: null, files: [] })
    expect(parsePorcelainStatus('## No commits yet on trunk\0?? a\0')).toEqual({ branch: 'trunk', files: ['a'] })
  })

  it('raw + numstat: renames, binaries and tabs in names', () => {
    const out = [
      ':100644 100644 aaa bbb R087', 'old\tname', 'new\tname',
      ':000000 100644 000 ccc A', 'img.png',
      '3\t1\t', 'old\tname', 'new\tname',
      '-\t-\timg.png',
      '',
    ].join('\0')
    expect(parseRawNumstat(out)).toEqual([
      { path: 'new\tname', oldPath: 'old\tname', kind: 'renamed', additions: 3, deletions: 1, binary: false },
      { path: 'img.png', kind: 'created', additions: null, deletions: null, binary: true },
    ])
  })

  it('worktree list: main first, detached and prunable entries', () => {
    const out = 'worktree /r\0HEAD aaa\0branch refs/heads/main\0\0worktree /w\0HEAD bbb\0detached\0prunable gitdir file points to non-existent location\0\0'
    expect(parseWorktreeList(out)).toEqual([
      { path: '/r', head: 'aaa', branch: 'main', main: true, prunable: false },
      { path: '/w', head: 'bbb', branch: null, main: false, prunable: true },
    ])
  })
})
