import { type ParserPlugin, parse } from '@babel/parser'

/** One module reference found in a source file. */
export interface FoundImport {
  specifier: string
  line: number
  kind: 'import' | 'export' | 'dynamic' | 'require' | 'import-equals' | 'import-type'
  /** Erased at compile time: `import type`, `export type`, `typeof import('x')`. */
  typeOnly: boolean
}

export const parseableExtensions = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const

function pluginsFor(file: string): ParserPlugin[] {
  if (/\.(ts|mts|cts)$/.test(file)) return ['typescript']
  if (file.endsWith('.tsx')) return ['typescript', 'jsx']
  return ['jsx']
}

export function isParseable(file: string): boolean {
  return parseableExtensions.some((ext) => file.endsWith(ext))
}

interface Node {
  type: string
  loc?: { start: { line: number } } | null
  [key: string]: unknown
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'

/** A string literal, or a template literal without expressions; anything computed is not a known module. */
function literal(node: unknown): string | undefined {
  if (!isNode(node)) return undefined
  if (node.type === 'StringLiteral') return node.value as string
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
    return ((node.quasis as Node[])[0]?.value as { cooked?: string } | undefined)?.cooked
  }
  return undefined
}

function allSpecifiersTypeOnly(node: Node): boolean {
  const specifiers = (node.specifiers as Node[] | undefined) ?? []
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')
}

/**
 * Every module a file refers to, with its line, read from a real syntax tree (@babel/parser): static
 * imports, export-from re-exports, dynamic import(), require(), `import x = require()` and import types.
 * Strings and comments that merely look like imports are not imports. Throws on unparseable source.
 */
export function findImports(source: string, file: string): FoundImport[] {
  const ast = parse(source, {
    sourceType: /\.(cjs|cts)$/.test(file) ? 'script' : 'unambiguous',
    plugins: pluginsFor(file),
    allowReturnOutsideFunction: true,
    allowImportExportEverywhere: true,
    errorRecovery: false
  })
  const found: FoundImport[] = []
  const add = (node: Node, specifier: string | undefined, kind: FoundImport['kind'], typeOnly: boolean) => {
    if (specifier !== undefined) found.push({ specifier, line: node.loc?.start.line ?? 0, kind, typeOnly })
  }
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'ImportDeclaration':
        add(node, literal(node.source), 'import', node.importKind === 'type' || node.importKind === 'typeof' || allSpecifiersTypeOnly(node))
        break
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source) add(node, literal(node.source), 'export', node.exportKind === 'type' || allSpecifiersTypeOnly(node))
        break
      case 'ImportExpression':
        add(node, literal(node.source), 'dynamic', false)
        break
      case 'CallExpression': {
        const callee = node.callee as Node
        const [first] = node.arguments as Node[]
        if (callee.type === 'Import') add(node, literal(first), 'dynamic', false)
        else if (callee.type === 'Identifier' && callee.name === 'require' && (node.arguments as Node[]).length === 1) add(node, literal(first), 'require', false)
        break
      }
      case 'TSImportEqualsDeclaration': {
        const ref = node.moduleReference as Node
        if (ref.type === 'TSExternalModuleReference') add(node, literal(ref.expression), 'import-equals', node.importKind === 'type')
        break
      }
      case 'TSImportType':
        add(node, literal(node.argument) ?? literal((node.argument as Node | undefined)?.literal), 'import-type', true)
        break
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue
      if (Array.isArray(value)) for (const child of value) isNode(child) && visit(child)
      else if (isNode(value)) visit(value)
    }
  }
  visit(ast.program as unknown as Node)
  return found.sort((a, b) => a.line - b.line)
}
