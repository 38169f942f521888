import type { Command } from 'commander'
import type { Host } from '../../../shared/contract'
import { type CliContext, withCore } from '../context'
import { json, table } from '../format'

const lastCheck = (h: Host) => (h.lastCheck ? `${h.lastCheck.ok ? 'ok' : 'FAILED'} at ${h.lastCheck.at}` : 'never checked')

export function registerHostCommands(program: Command, ctx: CliContext): void {
  const host = program.command('host').description('remote hosts over SSH that runs can be placed on')

  host
    .command('add')
    .description("register a host: ssh://user@host[:port] or an alias of ~/.ssh/config (resolved by OpenSSH's rules)")
    .argument('<name>', 'a short name: lower-case letters, digits, dashes')
    .argument('<url>', 'ssh://user@host[:port] or a config alias')
    .option('--identity <file>', 'private key to log in with (default: your ssh config, then ssh-agent)')
    .option('--known-hosts <file>', 'known_hosts file to check its key against (default: OpenSSH\'s)')
    .option('--json', 'print JSON')
    .action(async (name: string, url: string, o: { identity?: string; knownHosts?: string; json?: boolean }) => {
      const h = await withCore(ctx, (core) => core.client.invoke('host.add', { name, url, identityFile: o.identity, knownHostsFile: o.knownHosts }))
      ctx.stdout.write(o.json ? json(h) : `added host ${h.name}: ${h.user}@${h.hostname}:${h.port}; run \`flightdeck host check ${h.name}\`\n`)
    })

  host
    .command('list')
    .description('registered hosts and their last check')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const hosts = await withCore(ctx, (core) => core.client.invoke('host.list', {}))
      if (o.json) return void ctx.stdout.write(json(hosts))
      if (!hosts.length) return void ctx.stdout.write('no hosts yet: flightdeck host add NAME ssh://user@host\n')
      ctx.stdout.write(table(['NAME', 'ADDRESS', 'CORES', 'LOAD', 'CHECK'], hosts.map((h) => [h.name, `${h.user}@${h.hostname}:${h.port}`, String(h.lastCheck?.cores ?? '-'), String(h.lastCheck?.load ?? '-'), lastCheck(h)])))
    })

  host
    .command('check')
    .description('connect (the host key checked against known_hosts) and check git, Node, agent CLIs, disk, cores and memory')
    .argument('<name>', 'host name')
    .option('--json', 'print JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      const h = await withCore(ctx, (core) => core.client.invoke('host.check', { name }))
      const check = h.lastCheck!
      ctx.stdout.write(o.json ? json(h) : table(['CHECK', 'STATUS', 'DETAIL'], check.lines.map((l) => [l.name, l.status, l.detail])))
      if (!check.ok) process.exitCode = 1
    })

  host
    .command('remove')
    .description('forget a host')
    .argument('<name>', 'host name')
    .action(async (name: string) => {
      await withCore(ctx, (core) => core.client.invoke('host.remove', { name }))
      ctx.stdout.write(`removed host ${name}\n`)
    })
}
