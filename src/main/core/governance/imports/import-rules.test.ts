import { describe, expect, it } from 'vitest'
import { importRule } from '../rules.schema'
import { findImports } from './find-imports'
import { checkImports, packageName } from './import-rules'

const rule = (input: unknown) => ({ ...importRule.parse(input), doctrine: 'repo/policy@1' })

describe('import rules', () => {
  const layers = rule({ name: 'ui-not-db', from: 'src/ui/**', to: ['src/db/**'], packages: ['better-sqlite3', 'node:*'], reason: 'the UI goes through the API' })

  it('resolves relative imports against the importing file and matches path and package targets', () => {
    const source = `import a from '../db/query'\nimport b from './widget'\nimport Database from 'better-sqlite3'\nimport fs from 'node:fs'\nimport c from '../api/client'`
    const found = checkImports('src/ui/panel.ts', findImports(source, 'src/ui/panel.ts'), [layers])
    expect(found.map((v) => v.evidence[0])).toEqual([
      { file: 'src/ui/panel.ts', line: 1, excerpt: "import '../db/query'" },
      { file: 'src/ui/panel.ts', line: 3, excerpt: "import 'better-sqlite3'" },
      { file: 'src/ui/panel.ts', line: 4, excerpt: "import 'node:fs'" }
    ])
    expect(found[0]).toMatchObject({ rule: 'import', blocking: true, severity: 'high', message: expect.stringContaining('src/ui/panel.ts:1 imports ../db/query') })
  })

  it('leaves files outside `from` alone, and type-only imports when the rule says so', () => {
    expect(checkImports('src/db/x.ts', findImports(`import a from './query'`, 'src/db/x.ts'), [layers])).toEqual([])
    const lenient = rule({ name: 'types-ok', from: 'src/ui/**', to: ['src/db/**'], ignoreTypeOnly: true, priority: 'should' })
    const src = `import type { Row } from '../db/row'\nimport { q } from '../db/query'`
    const found = checkImports('src/ui/a.ts', findImports(src, 'src/ui/a.ts'), [lenient])
    expect(found.map((v) => [v.evidence[0]?.line, v.blocking, v.severity])).toEqual([[2, false, 'medium']])
  })

  it('treats scoped packages and subpaths as their package', () => {
    expect(packageName('@aws-sdk/client-s3/dist')).toBe('@aws-sdk/client-s3')
    expect(packageName('lodash/fp')).toBe('lodash')
    const aws = rule({ name: 'no-aws', from: '**', packages: ['@aws-sdk/*'] })
    expect(checkImports('a.js', findImports(`require('@aws-sdk/client-s3/dist/x')`, 'a.js'), [aws])).toHaveLength(1)
  })

  it('refuses a rule without targets', () => {
    expect(() => importRule.parse({ name: 'x', from: '**' })).toThrow(/needs `to` globs or `packages`/)
  })
})
