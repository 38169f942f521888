/** `KEY=value` lines to an env record; blank lines and `#` comments are skipped. */
export function parseEnvLines(text: string): { env: Record<string, string>; error?: string } {
  const env: Record<string, string> = {}
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    const key = eq === -1 ? '' : line.slice(0, eq).trim()
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return { env, error: `line ${i + 1}: expected NAME=value` }
    env[key] = line.slice(eq + 1)
  }
  return { env }
}

export function formatEnvLines(env: Record<string, string>): string {
  return Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n')
}
