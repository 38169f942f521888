import { describe, expect, it } from 'vitest'
import { type FoundImport, findImports } from './find-imports'

const pick = (found: FoundImport[]) => found.map((f) => [f.specifier, f.line, f.kind, f.typeOnly])

describe('findImports', () => {
  it.each([
    ['a.ts', `import x from 'static'`, [['static', 1, 'import', false]]],
    ['a.ts', `import type { T } from 'types-only'`, [['types-only', 1, 'import', true]]],
    ['a.ts', `import { type T, type U } from 'inline-types'`, [['inline-types', 1, 'import', true]]],
    ['a.ts', `import { type T, v } from 'mixed'`, [['mixed', 1, 'import', false]]],
    ['a.ts', `import 'side-effect'`, [['side-effect', 1, 'import', false]]],
    ['a.ts', `export * from './barrel'`, [['./barrel', 1, 'export', false]]],
    ['a.ts', `export { a as b } from '../re'`, [['../re', 1, 'export', false]]],
    ['a.ts', `export type { T } from './t'`, [['./t', 1, 'export', true]]],
    ['a.ts', `\nconst m = await import('lazy')`, [['lazy', 2, 'dynamic', false]]],
    ['a.ts', 'const m = import(`tpl`)', [['tpl', 1, 'dynamic', false]]],
    ['a.ts', `import fs = require('node:fs')`, [['node:fs', 1, 'import-equals', false]]],
    ['a.ts', `type M = typeof import('typeof-import')`, [['typeof-import', 1, 'import-type', true]]],
    ['a.tsx', `import React from 'react'\nexport const A = () => <div>{"import x from 'no'"}</div>`, [['react', 1, 'import', false]]],
    ['a.js', `const { q } = require('cjs-in-js')`, [['cjs-in-js', 1, 'require', false]]],
    ['a.jsx', `import B from './b'\nexport default () => <B />`, [['./b', 1, 'import', false]]],
    ['a.mjs', `import { x } from 'esm'\nexport { y } from 'esm2'`, [['esm', 1, 'import', false], ['esm2', 2, 'export', false]]],
    ['a.cjs', `'use strict'\nconst a = require('one')\nmodule.exports = require('two')`, [['one', 2, 'require', false], ['two', 3, 'require', false]]],
    ['a.cjs', `return require('top-level-return')`, [['top-level-return', 1, 'require', false]]]
  ])('%s: %s', (file, source, expected) => {
    expect(pick(findImports(source, file))).toEqual(expected)
  })

  it.each([
    ['a string', `const s = "import x from 'db'"; const t = 'require("db")'`],
    ['a template', 'const s = `import x from "db"`'],
    ['a line comment', `// import x from 'db'`],
    ['a block comment', `/* require('db') */ const a = 1`],
    ['a computed import', `const name = 'db'; import(name); require(name)`],
    ['a method named require', `loader.require('db'); obj.import('db')`],
    ['require with two arguments', `require('db', 2)`],
    ['a JSX text', `const a = <p>import x from 'db'</p>`]
  ])('does not count %s', (_what, source) => {
    expect(findImports(source, 'a.tsx')).toEqual([])
  })

  it('throws on a syntax error, naming the position', () => {
    expect(() => findImports('import { from "x"', 'broken.ts')).toThrow(/\(1:/)
  })
})
