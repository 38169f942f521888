/**
 * The hosts an agent may reach through Flightdeck's proxy (policy `sandbox.allow`): `host`, `host:port`,
 * `*.domain` (any subdomain, not the domain itself) and `*.domain:port`. No port means any port. Names are
 * compared lower-case; IP addresses are written as they are (`127.0.0.1:8080`).
 */
export interface HostRule {
  host: string
  wildcard: boolean
  port: number | null
}

const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/

export function hostPatternError(pattern: string): string | null {
  const match = /^(\*\.)?([^:*]+)(?::(\d{1,5}))?$/.exec(pattern.trim().toLowerCase())
  if (!match) return `"${pattern}" is not a host pattern (host, host:port, *.domain or *.domain:port)`
  const [, , host = '', port] = match
  if (!host.split('.').every((part) => label.test(part))) return `"${pattern}": "${host}" is not a host name or IPv4 address`
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return `"${pattern}": port ${port} is out of range`
  return null
}

export function parseRules(patterns: readonly string[]): HostRule[] {
  return patterns.map((pattern) => {
    const problem = hostPatternError(pattern)
    if (problem) throw new Error(problem)
    const [, star, host = '', port] = /^(\*\.)?([^:]+)(?::(\d+))?$/.exec(pattern.trim().toLowerCase())!
    return { host, wildcard: Boolean(star), port: port ? Number(port) : null }
  })
}

export function allowed(rules: readonly HostRule[], host: string, port: number): boolean {
  const name = host.toLowerCase().replace(/\.$/, '')
  return rules.some((r) => (r.port === null || r.port === port) && (r.wildcard ? name.endsWith(`.${r.host}`) : name === r.host))
}
