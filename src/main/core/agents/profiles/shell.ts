import type { AgentProfile } from '../agent-profile'

/** Any program; its argv comes from the run or the policy. The briefing is in $FLIGHTDECK_BRIEFING. */
export const shell: AgentProfile = {
  name: 'shell',
  label: 'Shell command',
  command: 'sh',
  briefing: 'environment',
  status: 'exit',
  resumable: false,
  providerEnv: [],
  configDirs: () => [],
  argv: () => [process.env.SHELL || '/bin/sh']
}
