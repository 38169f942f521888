import { defaultOrigins, originOf } from '../../../shared/contract'
import type { Settings } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'


/**
 * Refuses to send a secret anywhere but the provider's default host, a host the person confirmed
 * (setting `trustedHosts`), or one they named themselves in the environment of this process
 * (ANTHROPIC_BASE_URL): a changed base URL alone never carries a key away.
 */
export function assertSecretDestination(opts: { url: string | undefined; provider: keyof typeof defaultOrigins; secret: string; settings: Settings; fromEnv?: boolean }): void {
  if (!opts.url || opts.fromEnv) return
  const target = originOf(opts.url)
  if (target === defaultOrigins[opts.provider]) return
  if (target && opts.settings.trustedHosts.includes(target)) return
  throw new ApiError(
    'refused',
    `Flightdeck will not send your ${opts.secret} to ${target ?? opts.url}: that host is not confirmed. ` +
      `Confirm it in Settings → Models & keys, or run \`flightdeck secret trust ${target ?? opts.url}\``,
    'trustedHosts'
  )
}
