import { type Node, parseTree } from 'jsonc-parser'

/** A dependency a manifest names, with the 1-based line that names it. */
export interface NamedDependency {
  name: string
  line: number
}

const lineAt = (text: string, offset: number): number => {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

const DEPENDENCY_BLOCKS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']

/** package.json: the package's `name`, `packageManager`, and every dependency key with its line. */
export function parsePackageJson(text: string): { name: string | null; packageManager: string | null; dependencies: NamedDependency[] } {
  const tree = parseTree(text)
  if (!tree || tree.type !== 'object') return { name: null, packageManager: null, dependencies: [] }
  const prop = (key: string): Node | undefined => tree.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1]
  const str = (n: Node | undefined) => (n?.type === 'string' && typeof n.value === 'string' ? n.value : null)
  const dependencies: NamedDependency[] = []
  for (const block of DEPENDENCY_BLOCKS) {
    const node = prop(block)
    if (node?.type !== 'object') continue
    for (const p of node.children ?? []) {
      const key = p.children?.[0]
      if (key && typeof key.value === 'string') dependencies.push({ name: key.value, line: lineAt(text, key.offset) })
    }
  }
  return { name: str(prop('name')), packageManager: str(prop('packageManager')), dependencies }
}

const stripGoComment = (line: string) => line.replace(/\/\/.*$/, '').trim()
const unquote = (s: string) => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s.startsWith('`') && s.endsWith('`') ? s.slice(1, -1) : s)

/** go.mod: the `module` path, the `go` version, and every `require` (single-line and block form). */
export function parseGoMod(text: string): { module: string | null; goVersion: string | null; requires: NamedDependency[] } {
  let module: string | null = null
  let goVersion: string | null = null
  const requires: NamedDependency[] = []
  let inRequire = false
  let inOtherBlock = false
  text.split('\n').forEach((raw, i) => {
    const line = stripGoComment(raw)
    if (!line) return
    if (inRequire || inOtherBlock) {
      if (line === ')') inRequire = inOtherBlock = false
      else if (inRequire) {
        const path = line.split(/\s+/)[0]
        if (path) requires.push({ name: unquote(path), line: i + 1 })
      }
      return
    }
    const [verb, ...rest] = line.split(/\s+/)
    if (verb === 'module' && rest[0]) module = unquote(rest[0])
    else if (verb === 'go' && rest[0]) goVersion = rest[0]
    else if (verb === 'require') {
      if (rest[0] === '(') inRequire = true
      else if (rest[0]) requires.push({ name: unquote(rest[0]), line: i + 1 })
    } else if (rest[0] === '(') inOtherBlock = true
  })
  return { module, goVersion, requires }
}

/** PEP 503: names compare case-insensitively with runs of `-`, `_` and `.` as one `-`. */
export const normalizePythonName = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase()

/** The project name a PEP 508 requirement starts with (`requests[socks]>=2; python_version<"3.9"` -> requests). */
export const requirementName = (spec: string): string | null => /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(spec)?.[1] ?? null

/** TOML basic and literal strings in one line, outside comments: their values and where they start. */
function tomlStrings(line: string): string[] {
  const out: string[] = []
  let i = 0
  while (i < line.length) {
    const c = line[i]
    if (c === '#') break
    if (c === '"' || c === "'") {
      let j = i + 1
      let value = ''
      while (j < line.length && line[j] !== c) {
        if (c === '"' && line[j] === '\\' && j + 1 < line.length) {
          value += line[j + 1]
          j += 2
        } else value += line[j++]
      }
      out.push(value)
      i = j + 1
    } else i++
  }
  return out
}

/**
 * pyproject.toml, minimally: the `[project]` table's `name` and its `dependencies` array (which may span lines).
 * Enough TOML for what PEP 621 puts there: comments, both string kinds, trailing commas; not multi-line strings.
 */
export function parsePyproject(text: string): { name: string | null; dependencies: NamedDependency[] } {
  let table = ''
  let name: string | null = null
  const dependencies: NamedDependency[] = []
  let inDeps = false
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (inDeps) {
      for (const s of tomlStrings(line)) {
        const n = requirementName(s)
        if (n) dependencies.push({ name: normalizePythonName(n), line: i + 1 })
      }
      if (closesArray(line)) inDeps = false
      return
    }
    const header = /^\[\s*([^\]]+?)\s*\]\s*(#.*)?$/.exec(line)
    if (header && !line.startsWith('[[')) {
      table = header[1]!.replace(/\s+/g, '')
      return
    }
    if (table !== 'project') return
    const kv = /^([A-Za-z0-9_."-]+)\s*=\s*(.*)$/.exec(line)
    if (!kv) return
    const key = kv[1]!.replace(/"/g, '')
    const value = kv[2]!
    if (key === 'name') name = tomlStrings(value)[0] ?? null
    if (key === 'dependencies' && value.startsWith('[')) {
      const body = value.slice(1)
      for (const s of tomlStrings(body)) {
        const n = requirementName(s)
        if (n) dependencies.push({ name: normalizePythonName(n), line: i + 1 })
      }
      inDeps = !closesArray(body)
    }
  })
  return { name: name ? normalizePythonName(name) : null, dependencies }
}

/** Whether a line's text (after an opening `[`) holds the array's closing `]` outside strings and comments. */
function closesArray(rest: string): boolean {
  let quote: string | null = null
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]
    if (quote) {
      if (c === '\\' && quote === '"') i++
      else if (c === quote) quote = null
    } else if (c === '#') return false
    else if (c === '"' || c === "'") quote = c
    else if (c === ']') return true
  }
  return false
}

/** crates.io treats `-` and `_` in crate names as the same name. */
export const normalizeCrateName = (name: string): string => name.replace(/_/g, '-').toLowerCase()

const CARGO_DEPENDENCY_TABLE = /^(?:target\.(?:'[^']*'|"[^"]*"|[^.\]]+)\.)?(?:dependencies|dev-dependencies|build-dependencies)$/

/**
 * Cargo.toml, minimally: `[package] name`, and each dependency of `[dependencies]`, `[dev-dependencies]`,
 * `[build-dependencies]` (also per target), as `name = ...` lines or `[dependencies.name]` tables; a
 * `package = "real"` key renames it. Crate names are normalized (`_` as `-`).
 */
export function parseCargoToml(text: string): { name: string | null; dependencies: NamedDependency[] } {
  let table = ''
  let name: string | null = null
  const dependencies: NamedDependency[] = []
  let tableDep: NamedDependency | null = null
  const flush = () => {
    if (tableDep) dependencies.push({ ...tableDep, name: normalizeCrateName(tableDep.name) })
    tableDep = null
  }
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim()
    const header = /^\[\s*([^\[\]]+?)\s*\]$/.exec(line)
    if (header) {
      flush()
      table = header[1]!.replace(/\s+/g, '')
      const dotted = /^(.*)\.([A-Za-z0-9_-]+)$/.exec(table)
      if (dotted && CARGO_DEPENDENCY_TABLE.test(dotted[1]!)) tableDep = { name: dotted[2]!, line: i + 1 }
      return
    }
    const kv = /^([A-Za-z0-9_-]+|"[^"]+")\s*=\s*(.*)$/.exec(line)
    if (!kv) return
    const key = kv[1]!.replace(/"/g, '')
    const value = kv[2]!
    if (table === 'package' && key === 'name') name = tomlStrings(value)[0] ?? null
    else if (tableDep && key === 'package') tableDep.name = tomlStrings(value)[0] ?? tableDep.name
    else if (CARGO_DEPENDENCY_TABLE.test(table)) {
      const renamed = /\bpackage\s*=\s*["']([^"']+)["']/.exec(value)?.[1]
      dependencies.push({ name: normalizeCrateName(renamed ?? key), line: i + 1 })
    }
  })
  flush()
  return { name: name ? normalizeCrateName(name) : null, dependencies }
}

/** Dockerfile: the images of its `FROM` lines (tag and digest dropped; earlier stages and `scratch` skipped). */
export function parseDockerfile(text: string): NamedDependency[] {
  const stages = new Set<string>()
  const out: NamedDependency[] = []
  text.split('\n').forEach((raw, i) => {
    const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(raw)
    if (!m) return
    const ref = m[1]!
    const earlierStage = stages.has(ref.toLowerCase())
    if (m[2]) stages.add(m[2].toLowerCase())
    if (earlierStage || ref === 'scratch' || ref.includes('$')) return
    out.push({ name: imageName(ref), line: i + 1 })
  })
  return out
}

/** An image reference without its tag or digest: `ghcr.io/acme/api:1.2@sha256:...` -> `ghcr.io/acme/api`. */
export function imageName(ref: string): string {
  const noDigest = ref.split('@')[0]!
  const slash = noDigest.lastIndexOf('/')
  const colon = noDigest.lastIndexOf(':')
  return (colon > slash ? noDigest.slice(0, colon) : noDigest).toLowerCase()
}

/** Makefile: its explicit targets (not special `.X` targets or pattern rules), with their lines. */
export function parseMakefileTargets(text: string): NamedDependency[] {
  const out: NamedDependency[] = []
  text.split('\n').forEach((raw, i) => {
    const m = /^([A-Za-z0-9][A-Za-z0-9_./-]*(?:\s+[A-Za-z0-9][A-Za-z0-9_./-]*)*)\s*:(?!=)/.exec(raw)
    if (!m) return
    for (const t of m[1]!.split(/\s+/)) if (!t.includes('%')) out.push({ name: t, line: i + 1 })
  })
  return out
}

/** CODEOWNERS: the owners of the catch-all `*` rule (the last one wins, as in GitHub). */
export function parseCodeowners(text: string): { owners: string[]; line: number } | null {
  let found: { owners: string[]; line: number } | null = null
  text.split('\n').forEach((raw, i) => {
    const [pattern, ...owners] = raw.replace(/#.*$/, '').trim().split(/\s+/)
    if ((pattern === '*' || pattern === '/*' || pattern === '/**') && owners.length) found = { owners, line: i + 1 }
  })
  return found
}
