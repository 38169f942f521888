import { describe, expect, it } from 'vitest'
import { parseUnifiedDiff } from './unified-diff'

const sample = [
  'diff --git a/name.txt b/name.txt',
  'new file mode 100644',
  'index 0000000..3b18e51',
  '--- /dev/null',
  '+++ b/name.txt',
  '@@ -0,0 +1 @@',
  '+ada',
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1111111..2222222 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -10,4 +10,5 @@ export function main() {',
  ' const a = 1',
  '-const b = 2',
  '+const b = 3',
  '+const c = 4',
  '',
  ' return a',
  '\\ No newline at end of file',
  '@@ -40,2 +41,1 @@',
  '--- a comment line that starts with two dashes',
  ' end',
  'diff --git a/old name.md b/new name.md',
  'similarity index 100%',
  'rename from old name.md',
  'rename to new name.md',
  'diff --git a/logo.png b/logo.png',
  'deleted file mode 100644',
  'index 3333333..0000000',
  'Binary files a/logo.png and /dev/null differ',
  'diff --git "a/tab\\there.txt" "b/tab\\there.txt"',
  'index 4444444..5555555 100644',
  '--- "a/tab\\there.txt"',
  '+++ "b/tab\\there.txt"',
  '@@ -1 +1 @@',
  '-x',
  '+y',
  ''
].join('\n')

describe('parseUnifiedDiff', () => {
  const files = parseUnifiedDiff(sample)

  it('finds every file with its status and paths', () => {
    expect(files.map((f) => [f.status, f.oldPath, f.newPath, f.path, f.binary])).toEqual([
      ['added', null, 'name.txt', 'name.txt', false],
      ['modified', 'src/app.ts', 'src/app.ts', 'src/app.ts', false],
      ['renamed', 'old name.md', 'new name.md', 'new name.md', false],
      ['deleted', 'logo.png', null, 'logo.png', true],
      ['modified', 'tab\there.txt', 'tab\there.txt', 'tab\there.txt', false]
    ])
  })

  it('numbers old and new lines through each hunk', () => {
    const app = files[1]!
    expect(app.hunks.map((h) => h.header)).toEqual(['@@ -10,4 +10,5 @@ export function main() {', '@@ -40,2 +41,1 @@'])
    expect(app.hunks[0]!.lines).toEqual([
      { kind: 'context', text: 'const a = 1', oldNo: 10, newNo: 10 },
      { kind: 'del', text: 'const b = 2', oldNo: 11, newNo: null },
      { kind: 'add', text: 'const b = 3', oldNo: null, newNo: 11 },
      { kind: 'add', text: 'const c = 4', oldNo: null, newNo: 12 },
      { kind: 'context', text: '', oldNo: 12, newNo: 13 },
      { kind: 'context', text: 'return a', oldNo: 13, newNo: 14 },
      { kind: 'note', text: 'No newline at end of file', oldNo: null, newNo: null }
    ])
    expect(app.hunks[1]!.lines[0]).toEqual({ kind: 'del', text: '-- a comment line that starts with two dashes', oldNo: 40, newNo: null })
    expect([app.additions, app.deletions]).toEqual([2, 2])
  })

  it('returns nothing for an empty diff', () => {
    expect(parseUnifiedDiff('')).toEqual([])
  })
})
