import { z } from 'zod'
import { command, topic } from './kit'
import { text } from './schemas'

/** Secrets Flightdeck keeps in the secret store (never in the database, never returned). */
export const secretNames = ['anthropic.apiKey', 'github.token'] as const
export type SecretName = (typeof secretNames)[number]

/** The environment variable each secret falls back to when the store has none. */
export const secretEnv: Record<SecretName, string> = {
  'anthropic.apiKey': 'ANTHROPIC_API_KEY',
  'github.token': 'GITHUB_TOKEN'
}

/** `scheme://host[:port]` of a URL, or undefined if it is not one. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/** Where each provider's secret goes when no other URL is configured; any other host must be confirmed. */
export const defaultOrigins = { anthropic: 'https://api.anthropic.com', github: 'https://api.github.com' } as const

/** Where stored secrets live on this machine. */
export interface SecretBackend {
  /** `keychain`: the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux). */
  kind: 'keychain' | 'file'
  /** What a person reads, e.g. "Secret Service (GNOME Keyring, KWallet)" or "plain-text file (0600)". */
  label: string
  /** Set when secrets are not encrypted at rest: why, and what would fix it. */
  warning: string | null
}

/** Whether each secret is available and from where, and where the store keeps them; never a value. */
export interface SecretStatus {
  items: Record<SecretName, { set: boolean; source: 'store' | 'env' | null }>
  backend: SecretBackend
}

/** An origin (scheme://host[:port]) a person confirmed may receive a secret. */
export const origin = z
  .string()
  .trim()
  .max(300)
  .refine((s) => {
    try {
      const u = new URL(s)
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.replace(/\/$/, '')
    } catch {
      return false
    }
  }, 'an origin is scheme://host[:port], e.g. https://llm.example.com')
  .transform((s) => s.replace(/\/$/, ''))

export const secretCommands = {
  /** Which secrets are set (store or environment) and which store holds them; never their values. */
  'secret.status': command<SecretStatus>()(z.strictObject({})),
  /** Store a secret in the secret store (the OS keychain; a 0600 file where there is none). Takes effect at once. */
  'secret.set': command<SecretStatus>()(z.strictObject({ name: z.enum(secretNames), value: text('value', 10_000) })),
  /** Remove a stored secret (an environment variable still applies). */
  'secret.clear': command<SecretStatus>()(z.strictObject({ name: z.enum(secretNames) })),
  /**
   * Confirm that secrets may be sent to a host other than the provider's default (a model base URL, a GitHub
   * Enterprise API). Without it, Flightdeck refuses to send a key there. Returns the confirmed origins (setting `trustedHosts`).
   */
  'secret.trustHost': command<string[]>()(z.strictObject({ origin })),
  /** Withdraw a confirmation: no secret goes to that host any more. Returns the confirmed origins. */
  'secret.untrustHost': command<string[]>()(z.strictObject({ origin }))
}

export const secretTopics = {
  /** A secret was stored or cleared (its name and presence only). */
  'secret.changed': topic<{ name: SecretName; set: boolean }>()
}
