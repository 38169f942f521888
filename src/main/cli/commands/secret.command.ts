import type { Command } from 'commander'
import { type SecretName, secretNames } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import { type CliContext, withCore } from '../context'
import { json, table } from '../format'

function secretName(name: string): SecretName {
  if (!(secretNames as readonly string[]).includes(name)) throw new ApiError('invalid_input', `unknown secret "${name}" (known: ${secretNames.join(', ')})`, 'name')
  return name as SecretName
}

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = ''
  for await (const chunk of stdin) text += chunk.toString()
  return text.trim()
}

export function registerSecretCommands(program: Command, ctx: CliContext): void {
  const secret = program.command('secret').description('API keys and tokens, kept outside the database (values are never printed)')

  secret
    .command('set')
    .description('store a secret; the value is read from stdin (so it stays out of shell history)')
    .argument('<name>', secretNames.join(' | '))
    .action(async (name: string) => {
      const key = secretName(name)
      if (!ctx.stdin || ctx.stdin.isTTY) throw new ApiError('invalid_input', `pipe the value in: printf %s "$KEY" | flightdeck secret set ${key}`, 'value')
      const value = await readAll(ctx.stdin)
      await withCore(ctx, (core) => core.client.invoke('secret.set', { name: key, value }))
      ctx.stdout.write(`stored ${key}\n`)
    })

  secret
    .command('clear')
    .argument('<name>', secretNames.join(' | '))
    .action(async (name: string) => {
      await withCore(ctx, (core) => core.client.invoke('secret.clear', { name: secretName(name) }))
      ctx.stdout.write(`cleared ${name}\n`)
    })

  secret
    .command('status')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { status, trustedHosts } = await withCore(ctx, async (core) => ({
        status: await core.client.invoke('secret.status', {}),
        trustedHosts: (await core.client.invoke('settings.get', {})).trustedHosts
      }))
      if (opts.json) return void ctx.stdout.write(json({ ...status, trustedHosts }))
      ctx.stdout.write(table(['SECRET', 'SET', 'FROM'], Object.entries(status.items).map(([n, s]) => [n, s.set ? 'yes' : 'no', s.source ?? '-'])))
      ctx.stdout.write(`\nstored in: ${status.backend.label}\n`)
      if (status.backend.warning) ctx.stdout.write(`warning: ${status.backend.warning}\n`)
      ctx.stdout.write(`confirmed hosts: ${trustedHosts.length ? trustedHosts.join(', ') : 'none (keys go to the providers’ default hosts only)'}\n`)
    })

  secret
    .command('trust')
    .description("confirm that keys may be sent to ORIGIN (a model base URL or GitHub API that is not the provider's default)")
    .argument('<origin>', 'scheme://host[:port]')
    .action(async (origin: string) => {
      const hosts = await withCore(ctx, (core) => core.client.invoke('secret.trustHost', { origin }))
      ctx.stdout.write(`confirmed ${origin}; confirmed hosts: ${hosts.join(', ')}\n`)
    })

  secret
    .command('untrust')
    .description('withdraw a confirmation: no key is sent to ORIGIN any more')
    .argument('<origin>', 'scheme://host[:port]')
    .action(async (origin: string) => {
      const hosts = await withCore(ctx, (core) => core.client.invoke('secret.untrustHost', { origin }))
      ctx.stdout.write(`withdrew ${origin}; confirmed hosts: ${hosts.length ? hosts.join(', ') : 'none'}\n`)
    })
}
