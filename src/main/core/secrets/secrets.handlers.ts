import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { secretCommands } from '../../../shared/contract/secrets'
import type { Services } from '../services'

type SecretHandlers = { [N in keyof typeof secretCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

export function secretHandlers(s: Services): SecretHandlers {
  const trusted = async (change: (hosts: string[]) => string[]) => {
    const current = (await s.settings.get()).trustedHosts
    const next = [...new Set(change(current))]
    if (next.length === current.length && next.every((h, i) => h === current[i])) return current
    return (await s.settings.update({ trustedHosts: next })).trustedHosts
  }
  return {
    'secret.status': () => s.secrets.status(),
    'secret.set': ({ name, value }) => s.secrets.set(name, value),
    'secret.clear': ({ name }) => s.secrets.clear(name),
    'secret.trustHost': ({ origin }) => trusted((hosts) => [...hosts, origin]),
    'secret.untrustHost': ({ origin }) => trusted((hosts) => hosts.filter((h) => h !== origin))
  }
}
