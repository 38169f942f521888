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
      const status = await withCore(ctx, (core) => core.client.invoke('secret.status', {}))
      if (opts.json) return void ctx.stdout.write(json(status))
      ctx.stdout.write(table(['SECRET', 'SET', 'FROM'], Object.entries(status).map(([n, s]) => [n, s.set ? 'yes' : 'no', s.source ?? '-'])))
    })
}
