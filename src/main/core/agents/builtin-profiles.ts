import { type AgentProfile, initialPrompt } from './agent-profile'

const claudeCode: AgentProfile = {
  name: 'claude-code',
  label: 'Claude Code',
  command: 'claude',
  briefing: 'prompt-argument',
  status: 'hooks',
  resumable: true,
  argv: (ctx) => [
    'claude',
    '--dangerously-skip-permissions',
    '--settings',
    ctx.hookSettingsFile,
    ...(ctx.resume ? ['--continue'] : [initialPrompt(ctx)])
  ]
}

const codex: AgentProfile = {
  name: 'codex',
  label: 'Codex CLI',
  command: 'codex',
  briefing: 'prompt-argument',
  status: 'exit',
  resumable: true,
  argv: (ctx) =>
    ctx.resume
      ? ['codex', 'resume', '--last', '--dangerously-bypass-approvals-and-sandbox']
      : ['codex', '--dangerously-bypass-approvals-and-sandbox', initialPrompt(ctx)]
}

const gemini: AgentProfile = {
  name: 'gemini',
  label: 'Gemini CLI',
  command: 'gemini',
  briefing: 'prompt-argument',
  status: 'exit',
  resumable: false,
  argv: (ctx) => ['gemini', '--yolo', '--prompt-interactive', initialPrompt(ctx)]
}

const opencode: AgentProfile = {
  name: 'opencode',
  label: 'opencode',
  command: 'opencode',
  briefing: 'prompt-argument',
  status: 'exit',
  resumable: true,
  argv: (ctx) => (ctx.resume ? ['opencode', '--continue'] : ['opencode', '--prompt', initialPrompt(ctx)])
}

/** Any program; its argv comes from the run or the policy. The briefing is in $FLIGHTDECK_BRIEFING. */
const shell: AgentProfile = {
  name: 'shell',
  label: 'Shell command',
  command: 'sh',
  briefing: 'environment',
  status: 'exit',
  resumable: false,
  argv: () => [process.env.SHELL || '/bin/sh']
}

export const builtinProfiles: readonly AgentProfile[] = [claudeCode, codex, gemini, opencode, shell]
