/**
 * What an agent's session inherits from Flightdeck's own environment: a short allow-list, never the whole
 * environment, so keys meant for Flightdeck (GITHUB_TOKEN, its own secrets), the D-Bus address of the
 * keychain and Flightdeck's internals stay out of the agent's reach. What the agent needs beyond that comes
 * from the profile (its provider's variables) or from the user's settings and the policy, explicitly.
 */
const allowed = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'COLORTERM', 'EDITOR', 'VISUAL', 'PAGER', 'NO_COLOR', 'FORCE_COLOR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS']
const allowedPrefixes = ['LC_', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']

export function agentBaseEnv(parent: NodeJS.ProcessEnv, providerVars: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(parent)) {
    if (value === undefined) continue
    if (allowed.includes(key) || allowedPrefixes.some((p) => key.startsWith(p)) || providerVars.includes(key)) env[key] = value
  }
  return env
}
