import { z } from 'zod'

/**
 * User settings, stored in the database by key and validated on every write. Secrets (API keys, tokens)
 * are not settings: they live in the host's secret store (Electron safeStorage in the app).
 */
export const settingsSchema = z.strictObject({
  theme: z.enum(['light', 'dark', 'system']).default('system'),
  /**
   * How terminals on screen are drawn: 'auto' uses WebGL when a hardware GPU backs it and the DOM otherwise,
   * 'gpu' uses WebGL even on a software GL, 'dom' never uses WebGL (for a GPU that draws wrongly).
   */
  terminalRenderer: z.enum(['auto', 'gpu', 'dom']).default('auto'),
  /** Caps that apply across repositories; a repository policy may lower its own. */
  concurrency: z
    .strictObject({ global: z.number().int().min(1).max(256).default(4) })
    .default({ global: 4 }),
  /** Per agent profile: argv replacing the program and its fixed arguments, and extra environment. */
  agents: z
    .record(
      z.string().min(1).max(64),
      z.strictObject({ argv: z.array(z.string().min(1)).min(1).optional(), env: z.record(z.string(), z.string()).default({}) })
    )
    .default({}),
  /** The built-in planning and review model. */
  model: z
    .strictObject({
      /** The planning rail's model. */
      name: z.string().min(1).max(200).default('claude-sonnet-4-5'),
      /** The grader's model; null uses the planning model. */
      gradingName: z.string().min(1).max(200).nullable().default(null),
      /** Overrides ANTHROPIC_BASE_URL; a host other than Anthropic's must be in `trustedHosts`. */
      baseUrl: z.url().nullable().default(null),
      maxTokens: z.number().int().min(256).max(200_000).default(8_192)
    })
    .default({ name: 'claude-sonnet-4-5', gradingName: null, baseUrl: null, maxTokens: 8_192 }),
  /** GitHub: the API for plan sync and pull requests; null is api.github.com. */
  github: z.strictObject({ apiUrl: z.url().nullable().default(null) }).default({ apiUrl: null }),
  /**
   * Origins (scheme://host[:port]) the person confirmed may receive a secret although they are not the
   * provider's default: a key is never sent anywhere else.
   */
  trustedHosts: z.array(z.string().max(300)).max(100).default([])
})

export type Settings = z.output<typeof settingsSchema>
export type SettingKey = keyof Settings
export const settingKeys = Object.keys(settingsSchema.shape) as SettingKey[]
