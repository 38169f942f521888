import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { type ParseError, parse } from 'jsonc-parser'
import { ApiError } from '../../../../shared/errors'
import type { LaunchContext } from '../agent-profile'
import type { AgentSignal } from '../agent-signals'

/**
 * Qwen Code reads hooks only from the user settings file ($QWEN_HOME/settings.json) and a trusted project's
 * .qwen/settings.json, never from its system layers, and Flightdeck never writes into the worktree. So each run
 * gets its own QWEN_HOME in the run folder: the user's settings with Flightdeck's hooks and MCP server added,
 * the user's credentials and extensions linked in. Its sessions live there too, so resume finds them.
 */
export const qwenHomeName = 'qwen-home'

/** Qwen's hook events Flightdeck listens to; each reports as the signal of the same name (agent-signals.ts). */
const events = ['SessionStart', 'UserPromptSubmit', 'Stop', 'PreCompact', 'SubagentStart', 'SubagentStop'] as const satisfies readonly AgentSignal[]
/** Notification matchers are exact types: the idle prompt after each turn is not a question (Stop said idle). */
const askingTypes = ['permission_prompt', 'elicitation_dialog']

/** What a user's own Qwen home holds that a run needs besides settings: sign-in, memory, extensions. */
const linked = ['oauth_creds.json', '.env', 'installation_id', 'QWEN.md', 'extensions', 'skills', 'agents', 'commands', 'output-language.md']

/** The Qwen home Flightdeck's own environment points at: the user's settings and credentials. */
export function userQwenHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.QWEN_HOME ? path.resolve(env.QWEN_HOME) : path.join(os.homedir(), '.qwen')
}

/** Lowest-precedence defaults (QWEN_CODE_SYSTEM_DEFAULTS_PATH): no usage statistics, telemetry or self-update mid-run. */
export const qwenDefaults = {
  privacy: { usageStatisticsEnabled: false },
  telemetry: { enabled: false },
  general: { enableAutoUpdate: false }
}

type Settings = Record<string, unknown> & { hooks?: Record<string, unknown[]>; mcpServers?: Record<string, unknown> }

const exists = (file: string) => fs.lstat(file).then(() => true, () => false)

async function readUserSettings(file: string): Promise<Settings> {
  const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? '' : Promise.reject(err)))
  if (!text.trim()) return {}
  const errors: ParseError[] = []
  const value: unknown = parse(text, errors, { allowTrailingComma: true })
  if (errors.length > 0 || !value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError('invalid_input', `Qwen Code settings ${file} are not a JSON object; fix the file to start a Qwen Code run`, 'agent')
  }
  return value as Settings
}

function flightdeckHooks(signal: NonNullable<LaunchContext['signal']>): Record<string, unknown[]> {
  // Qwen 0.15 runs a command hook as `bash -c COMMAND` (no `args` list yet): every part of the line is quoted.
  // Hooks block the agent until they return (in order, so a late signal cannot undo a Stop); 60 s is Qwen's default.
  const hook = (name: AgentSignal, command = signal.shell(name)) => ({ hooks: [{ type: 'command', command, name: `flightdeck-${name}`, timeout: 60_000 }] })
  const hooks: Record<string, unknown[]> = Object.fromEntries(events.map((e) => [e, [hook(e)]]))
  hooks.UserPromptSubmit = [hook('UserPromptSubmit', promptsOnly(signal.shell('UserPromptSubmit')))]
  hooks.Notification = askingTypes.map((matcher) => ({ matcher, ...hook('Notification') }))
  return hooks
}

/**
 * Qwen fires UserPromptSubmit before every model request, tool results included (their `prompt` is empty). Only
 * a real prompt is a signal; the others would start Flightdeck's CLI once per request and hold the agent meanwhile.
 * An empty prompt serializes as exactly `"prompt":""` (quotes inside a prompt are escaped), so the shell can tell.
 */
export function promptsOnly(command: string): string {
  return `payload=$(cat); case "$payload" in *'"prompt":""'*) exit 0 ;; esac; printf '%s' "$payload" | ${command}`
}

/** The run's settings: the user's own, then Flightdeck's hooks after theirs and its MCP server (the call may wait days). */
export function runSettings(user: Settings, ctx: LaunchContext, timeoutMs: number): Settings {
  const hooks: Record<string, unknown[]> = { ...(user.hooks ?? {}) }
  if (ctx.signal) for (const [event, entries] of Object.entries(flightdeckHooks(ctx.signal))) hooks[event] = [...(hooks[event] ?? []), ...entries]
  const mcpServers = { ...(user.mcpServers ?? {}), ...(ctx.mcpServer ? { flightdeck: { ...ctx.mcpServer, timeout: timeoutMs, trust: true } } : {}) }
  return { ...user, hooks, mcpServers }
}

/** Writes the run's Qwen home and defaults file; returns the variables that point Qwen Code at them. */
export async function prepareQwenHome(ctx: LaunchContext, timeoutMs: number, source = userQwenHome()): Promise<Record<string, string>> {
  const home = path.join(ctx.runDir, qwenHomeName)
  await fs.mkdir(home, { recursive: true, mode: 0o700 })
  const settings = runSettings(await readUserSettings(path.join(source, 'settings.json')), ctx, timeoutMs)
  await fs.writeFile(path.join(home, 'settings.json'), JSON.stringify(settings, null, 2), { mode: 0o600 })
  for (const name of path.resolve(source) === home ? [] : linked) {
    const target = path.join(source, name)
    const link = path.join(home, name)
    if (!(await exists(target))) continue
    // A resumed run finds its links (renewed) or what Qwen made there itself (kept).
    const current = await fs.lstat(link).catch(() => undefined)
    if (current?.isSymbolicLink()) await fs.unlink(link)
    else if (current) continue
    await fs.symlink(target, link)
  }
  const defaults = path.join(ctx.runDir, 'qwen-defaults.json')
  await fs.writeFile(defaults, JSON.stringify(qwenDefaults, null, 2), { mode: 0o600 })
  return { QWEN_HOME: home, QWEN_CODE_SYSTEM_DEFAULTS_PATH: defaults }
}
