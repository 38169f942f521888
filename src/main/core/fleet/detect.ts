import path from 'node:path'
import type { FleetArtifact, FleetEdgeKind, FleetFact } from '../../../shared/contract/fleet'
import { type CatalogRecord, parseCatalogFile } from './catalog-file'
import { parseCargoToml, parseCodeowners, parseDockerfile, parseGoMod, parseMakefileTargets, parsePackageJson, parsePyproject } from './manifests'

/** A dependency on something another repository may publish, with its `file:line`. */
export interface FleetUse {
  kind: Exclude<FleetEdgeKind, 'declared'>
  name: string
  evidence: string
}

/** What a scan found in one repository's committed files. */
export interface DetectedFacts {
  /** runtime, packageManager, ci, owners, publishes: each with its source file. */
  facts: FleetFact[]
  publishes: FleetArtifact[]
  uses: FleetUse[]
  /** The repository's own Backstage catalog-info.yaml, when it has one that parses. */
  catalog: CatalogRecord | null
  /** Problems reading a manifest (a file that does not parse), named rather than hidden. */
  problems: string[]
}

/** The files whose contents a scan reads (git pathspecs, from the repository's root). */
export const MANIFEST_PATHS = ['package.json', 'go.mod', 'pyproject.toml', 'Cargo.toml', 'Dockerfile', 'Makefile', 'CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', 'catalog-info.yaml', 'catalog-info.yml']

const LOCKFILES: Record<string, string> = {
  'package-lock.json': 'npm',
  'npm-shrinkwrap.json': 'npm',
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
  'bun.lockb': 'bun',
  'bun.lock': 'bun',
  'go.sum': 'go modules',
  'poetry.lock': 'poetry',
  'uv.lock': 'uv',
  'Pipfile.lock': 'pipenv',
  'pdm.lock': 'pdm',
  'requirements.txt': 'pip',
  'Cargo.lock': 'cargo',
  'Gemfile.lock': 'bundler',
  'composer.lock': 'composer',
  'pom.xml': 'maven',
  'build.gradle': 'gradle',
  'build.gradle.kts': 'gradle'
}

const RUNTIME_FILES: Record<string, string> = {
  'pom.xml': 'java',
  'build.gradle': 'java',
  'build.gradle.kts': 'kotlin',
  Gemfile: 'ruby',
  'composer.json': 'php',
  'requirements.txt': 'python',
  'setup.py': 'python',
  'deno.json': 'deno'
}

const CI_FILES: Record<string, string> = {
  '.gitlab-ci.yml': 'gitlab-ci',
  '.circleci/config.yml': 'circleci',
  Jenkinsfile: 'jenkins',
  'azure-pipelines.yml': 'azure-pipelines',
  '.travis.yml': 'travis',
  'bitbucket-pipelines.yml': 'bitbucket-pipelines',
  '.buildkite/pipeline.yml': 'buildkite'
}

const EXTENSION_RUNTIMES: Record<string, string> = { '.ts': 'typescript', '.tsx': 'typescript', '.js': 'node', '.py': 'python', '.go': 'go', '.rs': 'rust', '.java': 'java', '.kt': 'kotlin', '.rb': 'ruby', '.php': 'php', '.cs': 'dotnet', '.swift': 'swift', '.c': 'c', '.cpp': 'c++', '.sh': 'shell' }

/** Makefile targets that say how a repository is built and checked. */
const CI_TARGETS = new Set(['all', 'build', 'test', 'check', 'lint', 'ci', 'release', 'deploy', 'install', 'fmt'])

/** Detects a repository's facts from its tracked file list and the contents of its {@link MANIFEST_PATHS}. */
export function detectFacts(files: readonly string[], contents: ReadonlyMap<string, string>): DetectedFacts {
  const facts: FleetFact[] = []
  const publishes: FleetArtifact[] = []
  const uses: FleetUse[] = []
  const problems: string[] = []
  const fileSet = new Set(files)
  const fact = (field: FleetFact['field'], value: string, source: string) => facts.push({ field, value, source })

  const pkgText = contents.get('package.json')
  if (pkgText !== undefined) {
    const pkg = parsePackageJson(pkgText)
    fact('runtime', 'node', 'package.json')
    if (fileSet.has('tsconfig.json') || pkg.dependencies.some((d) => d.name === 'typescript')) fact('runtime', 'typescript', fileSet.has('tsconfig.json') ? 'tsconfig.json' : 'package.json')
    if (pkg.packageManager) fact('packageManager', pkg.packageManager.split('@')[0]!, 'package.json')
    if (pkg.name) {
      publishes.push({ kind: 'npm', name: pkg.name, source: 'package.json' })
      fact('publishes', `npm ${pkg.name}`, 'package.json')
    } else if (!pkgText.trim().startsWith('{')) problems.push('package.json is not a JSON object')
    for (const d of pkg.dependencies) uses.push({ kind: 'npm', name: d.name, evidence: `package.json:${d.line}` })
  }

  const goText = contents.get('go.mod')
  if (goText !== undefined) {
    const mod = parseGoMod(goText)
    fact('runtime', mod.goVersion ? `go ${mod.goVersion}` : 'go', 'go.mod')
    if (mod.module) {
      publishes.push({ kind: 'go', name: mod.module, source: 'go.mod' })
      fact('publishes', `go ${mod.module}`, 'go.mod')
    } else problems.push('go.mod has no module line')
    for (const r of mod.requires) uses.push({ kind: 'go', name: r.name, evidence: `go.mod:${r.line}` })
  }

  const pyText = contents.get('pyproject.toml')
  if (pyText !== undefined) {
    const py = parsePyproject(pyText)
    fact('runtime', 'python', 'pyproject.toml')
    if (py.name) {
      publishes.push({ kind: 'python', name: py.name, source: 'pyproject.toml' })
      fact('publishes', `python ${py.name}`, 'pyproject.toml')
    }
    for (const d of py.dependencies) uses.push({ kind: 'python', name: d.name, evidence: `pyproject.toml:${d.line}` })
  }

  const cargoText = contents.get('Cargo.toml')
  if (cargoText !== undefined) {
    const crate = parseCargoToml(cargoText)
    fact('runtime', 'rust', 'Cargo.toml')
    if (crate.name) {
      publishes.push({ kind: 'cargo', name: crate.name, source: 'Cargo.toml' })
      fact('publishes', `cargo ${crate.name}`, 'Cargo.toml')
    }
    for (const d of crate.dependencies) uses.push({ kind: 'cargo', name: d.name, evidence: `Cargo.toml:${d.line}` })
  }

  const dockerText = contents.get('Dockerfile')
  if (dockerText !== undefined) for (const f of parseDockerfile(dockerText)) uses.push({ kind: 'docker', name: f.name, evidence: `Dockerfile:${f.line}` })

  for (const [file, runtime] of Object.entries(RUNTIME_FILES)) if (fileSet.has(file) && !facts.some((f) => f.field === 'runtime' && f.value === runtime)) fact('runtime', runtime, file)
  if (!facts.some((f) => f.field === 'runtime')) {
    const counts = new Map<string, number>()
    for (const f of files) {
      const r = EXTENSION_RUNTIMES[path.extname(f)]
      if (r) counts.set(r, (counts.get(r) ?? 0) + 1)
    }
    const top = [...counts].sort((a, b) => b[1] - a[1])[0]
    if (top) fact('runtime', top[0], `${top[1]} *${Object.entries(EXTENSION_RUNTIMES).find(([, r]) => r === top[0])![0]} files`)
  }

  for (const [file, manager] of Object.entries(LOCKFILES)) if (fileSet.has(file) && !facts.some((f) => f.field === 'packageManager' && f.value === manager)) fact('packageManager', manager, file)
  if (pkgText !== undefined && !facts.some((f) => f.field === 'packageManager' && ['npm', 'pnpm', 'yarn', 'bun'].includes(f.value))) fact('packageManager', 'npm', 'package.json')
  if (goText !== undefined && !facts.some((f) => f.value === 'go modules')) fact('packageManager', 'go modules', 'go.mod')

  for (const f of files) if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(f)) fact('ci', 'github-actions', f)
  for (const [file, ci] of Object.entries(CI_FILES)) if (fileSet.has(file)) fact('ci', ci, file)
  const makeText = contents.get('Makefile')
  if (makeText !== undefined) for (const t of parseMakefileTargets(makeText)) if (CI_TARGETS.has(t.name)) fact('ci', `make ${t.name}`, `Makefile:${t.line}`)

  for (const file of ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS']) {
    const text = contents.get(file)
    const rule = text === undefined ? null : parseCodeowners(text)
    if (rule) {
      for (const o of rule.owners) fact('owners', o, `${file}:${rule.line}`)
      break
    }
  }

  let catalog: CatalogRecord | null = null
  for (const file of ['catalog-info.yaml', 'catalog-info.yml']) {
    const text = contents.get(file)
    if (text === undefined) continue
    try {
      catalog = parseCatalogFile(text, file)[0] ?? null
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`)
    }
    break
  }
  return { facts, publishes, uses, catalog, problems }
}
