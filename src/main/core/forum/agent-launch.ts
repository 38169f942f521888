import fs from 'node:fs/promises'
import path from 'node:path'
import { simpleGit } from 'simple-git'
import type { McpServerCommand } from '../agents/agent-profile'
import type { NodeCommand } from '../runtime/node-command'
import type { Store } from '../store'
import { writeRunFile } from '../runs/run-files'
import { issueAgentToken } from './agent-token'
import { signalDirName, signalFiles } from './signal-files'


export interface AgentCoordination {
  /** Claude Code's `--mcp-config` file (server `flightdeck`, so tools are `mcp__flightdeck__<tool>`). */
  mcpConfigFile: string
  mcpServer: McpServerCommand
  /** The launch's token (0600, in the run folder): hooks and the MCP server present it. */
  tokenFile: string
}

/** An MCP tool call may wait for the operator for hours; Claude Code's per-server `timeout` (ms) overrides MCP_TOOL_TIMEOUT. */
export const mcpToolTimeoutMs = 7 * 24 * 3_600_000

/**
 * Per launch: a fresh token (hash in the database, secret in a 0600 file in the run folder, outside the
 * worktree), the MCP config pointing at it, and the signal files kept out of git's view in the worktree.
 */
export async function prepareAgentCoordination(store: Store, opts: { home: string; runId: string; worktree: string; cli: NodeCommand | undefined; agentSocket?: string }): Promise<AgentCoordination | undefined> {
  await excludeSignalFiles(opts.worktree)
  const [command, ...prefix] = opts.cli?.argv ?? []
  if (!command) return undefined
  const token = await store.write((tx) => issueAgentToken(tx.db, opts.runId))
  const tokenFile = await writeRunFile(opts.home, opts.runId, 'agent-token', token)
  const mcpServer: McpServerCommand = {
    command,
    args: [...prefix, '--home', opts.home, 'mcp'],
    // The CLI's own environment (ELECTRON_RUN_AS_NODE under the app's binary) travels with the server entry.
    // A sandboxed agent's server reaches the engine through the run's socket (it cannot open the database).
    env: { ...opts.cli?.env, FLIGHTDECK_RUN_ID: opts.runId, FLIGHTDECK_MCP_TOKEN_FILE: tokenFile, FLIGHTDECK_HOME: opts.home, ...(opts.agentSocket ? { FLIGHTDECK_AGENT_SOCKET: opts.agentSocket } : {}) }
  }
  const config = { mcpServers: { flightdeck: { type: 'stdio', ...mcpServer, timeout: mcpToolTimeoutMs, alwaysLoad: true } } }
  const mcpConfigFile = await writeRunFile(opts.home, opts.runId, 'mcp-config.json', JSON.stringify(config, null, 2))
  return { mcpConfigFile, mcpServer, tokenFile }
}

/** Signal files must never land in a commit (the validation checkpoint commits what is left). */
async function excludeSignalFiles(worktree: string): Promise<void> {
  const commonDir = path.resolve(worktree, (await simpleGit(worktree).revparse(['--git-common-dir'])).trim())
  const exclude = path.join(commonDir, 'info', 'exclude')
  const current = await fs.readFile(exclude, 'utf8').catch(() => '')
  const wanted = [...Object.values(signalFiles).map((f) => `/${signalDirName}/${f}`), `/${signalDirName}/.*.tmp`]
  const missing = wanted.filter((line) => !current.split('\n').includes(line))
  if (missing.length === 0) return
  await fs.mkdir(path.dirname(exclude), { recursive: true })
  await fs.appendFile(exclude, `${current && !current.endsWith('\n') ? '\n' : ''}# Flightdeck agent signal files\n${missing.join('\n')}\n`)
}
