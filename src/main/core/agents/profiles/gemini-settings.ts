import fs from 'node:fs/promises'
import path from 'node:path'
import type { LaunchContext } from '../agent-profile'
import type { AgentSignal } from '../agent-signals'

/**
 * Gemini CLI's hook events and the Flightdeck signal each one is (its payloads carry `session_id`). Not mapped:
 * PreCompress, which 0.61 fires before every model call (ahead of its threshold check), so it would report a
 * compaction on each turn; and BeforeTool/AfterTool, which would start a Flightdeck process per tool call while
 * the agent waits on it (the turn is already "working" from BeforeAgent).
 */
export const geminiHooks = {
  SessionStart: 'SessionStart',
  BeforeAgent: 'UserPromptSubmit',
  AfterAgent: 'Stop',
  Notification: 'Notification'
} as const satisfies Record<string, AgentSignal>

/** An MCP call may wait for the operator for days; Gemini's per-server `timeout` is in ms. */
const mcpTimeoutMs = 7 * 24 * 3_600_000

type Settings = Record<string, unknown>
const record = (value: unknown): Settings => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Settings) : {})

/** The user's own settings.json, or nothing when it is missing or not JSON (the CLI itself reports a broken one). */
export async function readUserSettings(file: string): Promise<Settings> {
  try {
    return record(JSON.parse(await fs.readFile(file, 'utf8')))
  } catch {
    return {}
  }
}

/**
 * The run's user settings: the user's own, with Flightdeck's MCP server, its hooks (added to any of the user's)
 * and the switches that keep an unattended session quiet (no telemetry, update checks or IDE nudge) laid over.
 */
export function geminiSettings(user: Settings, ctx: LaunchContext): Settings {
  const hooks: Settings = { ...record(user.hooks) }
  if (ctx.signal) {
    for (const [event, signal] of Object.entries(geminiHooks)) {
      const mine = { hooks: [{ type: 'command', name: `flightdeck-${signal}`, command: ctx.signal.shell(signal), timeout: 30_000 }] }
      hooks[event] = [...(Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : []), mine]
    }
  }
  const mcpServers = { ...record(user.mcpServers), ...(ctx.mcpServer ? { flightdeck: { ...ctx.mcpServer, timeout: mcpTimeoutMs, trust: true } } : {}) }
  return {
    ...user,
    general: { ...record(user.general), enableAutoUpdate: false, enableAutoUpdateNotification: false },
    privacy: { ...record(user.privacy), usageStatisticsEnabled: false },
    telemetry: { ...record(user.telemetry), enabled: false },
    ide: { ...record(user.ide), enabled: false, hasSeenNudge: true },
    mcpServers,
    hooks
  }
}

/** Sign-in files the user's Gemini home holds; linked so a Google login keeps working in the run's home. */
const credentialFiles = ['oauth_creds.json', 'google_accounts.json', 'installation_id', '.env']

/**
 * Gemini CLI 0.61 reads a system-defaults file only when it and every folder above it are root-owned and not
 * writable by others, so Flightdeck cannot hand it one from the run folder. It gets a Gemini home of its own
 * instead (GEMINI_CLI_HOME), which also keeps this run's conversations apart from every other run's.
 */
export async function prepareGeminiHome(ctx: LaunchContext, userHome: string): Promise<string> {
  const home = path.join(ctx.runDir, 'gemini-home')
  const dir = path.join(home, '.gemini')
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  const userDir = path.join(userHome, '.gemini')
  const settings = geminiSettings(await readUserSettings(path.join(userDir, 'settings.json')), ctx)
  await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2), { mode: 0o600 })
  for (const name of credentialFiles) {
    const target = path.join(userDir, name)
    const link = path.join(dir, name)
    if (!(await exists(target)) || (await exists(link))) continue
    await fs.symlink(target, link)
  }
  return home
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(() => true, () => false)
}
