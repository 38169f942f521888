/**
 * Splits a command line into argv the way a POSIX shell tokenizes words, and nothing more: quotes and
 * backslashes group and escape, but there is no expansion, no globbing, no pipes. The result is spawned
 * directly, so `;` or `$(...)` stay literal arguments.
 */
export function splitArgv(line: string): string[] {
  const args: string[] = []
  let current = ''
  let inWord = false
  let i = 0
  while (i < line.length) {
    const ch = line[i] as string
    if (ch === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) throw new Error('a single quote is not closed')
      current += line.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (ch === '"') {
      i++
      let closed = false
      while (i < line.length) {
        const c = line[i] as string
        if (c === '"') {
          closed = true
          i++
          break
        }
        // Inside double quotes a backslash only escapes the characters a shell treats specially there.
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) {
          current += line[i + 1]
          i += 2
        } else {
          current += c
          i++
        }
      }
      if (!closed) throw new Error('a double quote is not closed')
      inWord = true
    } else if (ch === '\\') {
      if (i + 1 >= line.length) throw new Error('the line ends with a lone backslash')
      current += line[i + 1]
      inWord = true
      i += 2
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current)
      current = ''
      inWord = false
      i++
    } else {
      current += ch
      inWord = true
      i++
    }
  }
  if (inWord) args.push(current)
  return args
}
