export type TokenKind = 'plain' | 'comment' | 'string' | 'number' | 'keyword'

export interface Token {
  kind: TokenKind
  text: string
}

const cLike = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'go', 'rs', 'java', 'kt', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'swift', 'css', 'scss', 'json']
const hashComment = ['py', 'sh', 'bash', 'zsh', 'rb', 'yml', 'yaml', 'toml', 'mk', 'cfg', 'ini', 'conf']

const keywords = new Set(
  (
    'const let var function return if else for while do switch case break continue new class extends implements interface type ' +
    'enum import export from default as async await yield try catch finally throw typeof instanceof in of void delete this super ' +
    'true false null undefined def elif lambda pass raise with not and or is None True False self fn pub mut impl struct trait use ' +
    'mod match loop where func package go defer chan map range select public private protected static final abstract readonly'
  ).split(' ')
)

/**
 * A line-local, best-effort tokenizer for diff colors: comments, strings, numbers and common keywords.
 * It does not track state across lines (block comments, multi-line strings), which a diff cuts anyway.
 */
export function tokenize(line: string, extension: string): Token[] {
  const ext = extension.toLowerCase()
  const comment = cLike.includes(ext) ? '//' : hashComment.includes(ext) ? '#' : null
  if (!comment) return [{ kind: 'plain', text: line }]
  const pattern = new RegExp(
    [
      `(${comment === '//' ? '\\/\\/.*|\\/\\*.*?(?:\\*\\/|$)' : '#.*'})`,
      '("(?:[^"\\\\]|\\\\.)*"?|\'(?:[^\'\\\\]|\\\\.)*\'?|`(?:[^`\\\\]|\\\\.)*`?)',
      '(\\b\\d[\\d_]*(?:\\.\\d+)?(?:e[+-]?\\d+)?\\b|\\b0x[\\da-f]+\\b)',
      '([A-Za-z_$][\\w$]*)'
    ].join('|'),
    'gi'
  )
  const tokens: Token[] = []
  let last = 0
  const push = (kind: TokenKind, text: string) => {
    const prev = tokens.at(-1)
    if (prev && prev.kind === kind) prev.text += text
    else tokens.push({ kind, text })
  }
  for (const m of line.matchAll(pattern)) {
    const index = m.index ?? 0
    if (index > last) push('plain', line.slice(last, index))
    const [text, isComment, isString, isNumber, word] = m
    if (isComment) push('comment', text)
    else if (isString) push('string', text)
    else if (isNumber) push('number', text)
    else push(word && keywords.has(word) ? 'keyword' : 'plain', text)
    last = index + text.length
  }
  if (last < line.length) push('plain', line.slice(last))
  return tokens
}
