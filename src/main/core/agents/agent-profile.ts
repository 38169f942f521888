import type { AgentSignal } from './agent-signals'

/** How an agent reaches Flightdeck's MCP server: `flightdeck --home H mcp`, with the run's token file. */
export interface McpServerCommand {
  command: string
  args: string[]
  env: Record<string, string>
}

/** What a run hands an agent profile to build its session. */
export interface LaunchContext {
  runId: string
  worktree: string
  /** The run's folder outside the worktree (0700), for config files the profile writes (never committed). */
  runDir: string
  /** The briefing (current ContextPacket) as markdown, and the file it is also written to. */
  briefing: string
  briefingFile: string
  /** Claude Code settings file carrying Flightdeck's hooks, when the profile uses hooks. */
  hookSettingsFile: string
  /** Resume the agent's previous conversation in this worktree instead of starting fresh. */
  resume: boolean
  /** On resume: the agent's own id for this run's conversation (from its signals), when it reported one. */
  agentSessionId: string | null
  /** On resume: what the agent is told to do next, passed as its first prompt (the operator's resume action). */
  resumePrompt: string
  /** Claude Code `--mcp-config` file with Flightdeck's MCP server (ask_operator, get_briefing, ...). */
  mcpConfigFile?: string
  /** The same server as a command, for agents configured by arguments or their own config files. */
  mcpServer?: McpServerCommand
  /**
   * How the agent's hooks report to Flightdeck: `argv(signal)` for CLIs that take a command as a list, `shell(signal)`
   * for CLIs that run a hook through a shell (each part quoted). Undefined when the core has no CLI to call.
   */
  signal?: { argv(signal: AgentSignal): string[]; shell(signal: AgentSignal): string }
}

/** Files and variables a profile prepares for one session before it starts. */
export interface PreparedLaunch {
  env?: Record<string, string>
}

/** How to launch and watch one kind of coding agent. */
export interface AgentProfile {
  name: string
  label: string
  /** The program looked up on PATH to tell whether the agent is installed. */
  command: string
  /** How the briefing reaches the agent. */
  briefing: 'prompt-argument' | 'environment'
  /** Where its status comes from: structured signals (hooks, notify, plugins), or only its exit (never a guess from output). */
  status: 'hooks' | 'exit'
  /** Whether it can continue its previous conversation on resume. */
  resumable: boolean
  /** Variables the agent needs from Flightdeck's environment (its provider's key and endpoint); nothing else passes. */
  providerEnv: readonly string[]
  /** Its own config and cache folders, writable inside the sandbox (resolved against the session's environment). */
  configDirs(env: Readonly<Record<string, string>>, home: string): string[]
  /** Writes what the session needs (its hooks, MCP entry, config) into the run folder; runs before argv. */
  prepare?(ctx: LaunchContext): Promise<PreparedLaunch>
  argv(ctx: LaunchContext): string[]
}

/** The prompt an interactive agent starts with: its briefing, and where the full text lives. */
export function initialPrompt(ctx: LaunchContext): string {
  // Past ~100 KB an argv string nears Linux's per-argument limit; point at the file instead.
  if (ctx.briefing.length > 100_000) {
    return `Your briefing is in ${ctx.briefingFile}. Read it first, then do the work it describes in this repository.`
  }
  return ctx.briefing
}
