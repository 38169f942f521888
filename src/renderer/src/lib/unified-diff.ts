export type DiffLineKind = 'add' | 'del' | 'context' | 'note'

export interface DiffLine {
  kind: DiffLineKind
  text: string
  /** Line number in the old file (context and deletions). */
  oldNo: number | null
  /** Line number in the new file (context and additions). */
  newNo: number | null
}

export interface DiffHunk {
  header: string
  lines: DiffLine[]
}

export interface DiffFile {
  oldPath: string | null
  newPath: string | null
  /** The path to show: the new one, or the old one for a deletion. */
  path: string
  status: 'added' | 'deleted' | 'renamed' | 'modified'
  binary: boolean
  hunks: DiffHunk[]
  additions: number
  deletions: number
}

const hunkHeader = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/

/** git quotes paths with unusual bytes C-style ("a/tab\there"); undo that. */
function unquote(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"')) return raw
  const bytes: number[] = []
  const body = raw.slice(1, -1)
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 }
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string
    if (ch !== '\\') {
      bytes.push(...new TextEncoder().encode(ch))
      continue
    }
    const next = body[i + 1] ?? ''
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8))
      i += 3
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0))
      i += 1
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes))
}

/** A path from a ---/+++ line: /dev/null is no file; the a/ or b/ prefix goes. */
function sidePath(raw: string, prefix: 'a/' | 'b/'): string | null {
  const path = unquote(raw.replace(/\t.*$/, ''))
  if (path === '/dev/null') return null
  return path.startsWith(prefix) ? path.slice(2) : path
}

/** Paths from `diff --git a/x b/x`, used when there are no ---/+++ lines (binary files, pure renames, mode changes). */
function gitHeaderPaths(rest: string): [string | null, string | null] {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest)
  if (quoted?.[1] && quoted[2] && (quoted[1].startsWith('"') || quoted[2].startsWith('"'))) {
    return [sidePath(quoted[1], 'a/'), sidePath(quoted[2], 'b/')]
  }
  // Unquoted paths may contain spaces: split where " b/" makes both halves the same length-ish path.
  const middle = rest.indexOf(' b/')
  if (rest.startsWith('a/') && middle > 0) return [rest.slice(2, middle), rest.slice(middle + 3)]
  const [a, b] = rest.split(' ')
  return [a ?? null, b ?? null]
}

/** Parses `git diff` output into files, hunks and numbered lines. */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const files: DiffFile[] = []
  let file: DiffFile | undefined
  let hunk: DiffHunk | undefined
  let oldNo = 0
  let newNo = 0

  const startFile = (oldPath: string | null, newPath: string | null) => {
    file = { oldPath, newPath, path: newPath ?? oldPath ?? '', status: 'modified', binary: false, hunks: [], additions: 0, deletions: 0 }
    files.push(file)
    hunk = undefined
  }

  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  for (const line of lines) {
    if (line.startsWith('diff --git ')) {
      const [a, b] = gitHeaderPaths(line.slice('diff --git '.length))
      startFile(a, b)
      continue
    }
    if (!file) continue
    const current: DiffFile = file
    if (hunk) {
      const sign = line[0]
      if (sign === '+') {
        hunk.lines.push({ kind: 'add', text: line.slice(1), oldNo: null, newNo: newNo++ })
        current.additions++
        continue
      }
      if (sign === '-' && !line.startsWith('--- ')) {
        hunk.lines.push({ kind: 'del', text: line.slice(1), oldNo: oldNo++, newNo: null })
        current.deletions++
        continue
      }
      if (sign === ' ' || line === '') {
        hunk.lines.push({ kind: 'context', text: line.slice(1), oldNo: oldNo++, newNo: newNo++ })
        continue
      }
      if (sign === '\\') {
        hunk.lines.push({ kind: 'note', text: line.slice(2), oldNo: null, newNo: null })
        continue
      }
      if (sign === '-') {
        // A "--- " line inside a hunk is a deletion of a line starting with "-- ".
        hunk.lines.push({ kind: 'del', text: line.slice(1), oldNo: oldNo++, newNo: null })
        current.deletions++
        continue
      }
    }
    const header = hunkHeader.exec(line)
    if (header) {
      oldNo = Number(header[1])
      newNo = Number(header[2])
      hunk = { header: line, lines: [] }
      current.hunks.push(hunk)
    } else if (line.startsWith('--- ')) {
      current.oldPath = sidePath(line.slice(4), 'a/')
    } else if (line.startsWith('+++ ')) {
      current.newPath = sidePath(line.slice(4), 'b/')
      current.path = current.newPath ?? current.oldPath ?? current.path
    } else if (line.startsWith('new file mode')) {
      current.status = 'added'
    } else if (line.startsWith('deleted file mode')) {
      current.status = 'deleted'
    } else if (line.startsWith('rename from ')) {
      current.status = 'renamed'
      current.oldPath = unquote(line.slice('rename from '.length))
    } else if (line.startsWith('rename to ')) {
      current.newPath = unquote(line.slice('rename to '.length))
      current.path = current.newPath
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      current.binary = true
    }
  }
  for (const f of files) {
    if (f.status === 'added') f.oldPath = null
    if (f.status === 'deleted') {
      f.newPath = null
      f.path = f.oldPath ?? f.path
    }
  }
  return files
}
