import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'

// Repositories and the data folder outside /tmp, as on a real machine (the sandbox gives the agent its own /tmp).
process.env.TMPDIR = '/var/tmp'

async function listen(name: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => res.end(`hello from ${name} ${req.method} ${req.url}\n`))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as AddressInfo).port }
}

/**
 * A real shell agent in its real sandbox with `network: allow-list`: curl (which reads the proxy variables
 * the session carries) reaches the allowed server on the host's loopback through Flightdeck's proxy, plain
 * and through a CONNECT tunnel; the other server is refused with a 403 that names it; nothing is reachable
 * without the proxy; each refusal is an audit event of the run.
 */
describe('an agent with a network allow-list', () => {
  let t: TestCore | undefined
  const servers: http.Server[] = []
  afterEach(async () => {
    await t?.close()
    for (const s of servers.splice(0)) s.close()
  })

  it('reaches only the allowed host, only through the proxy', async () => {
    const allowedServer = await listen('allowed')
    const other = await listen('other')
    // A local service on a unix socket under /run (as databases and daemons listen): no way out either.
    const local = http.createServer((_req, res) => res.end('hello from a unix socket\n'))
    const localSocket = `/run/fd-egress-test-${process.pid}.sock`
    await new Promise<void>((resolve) => local.listen(localSocket, resolve))
    servers.push(allowedServer.server, other.server, local)
    t = await startTestCore({ engine: true })
    const c = t.core.client
    const policy = { sandbox: { network: 'allow-list', allow: [`127.0.0.1:${allowedServer.port}`] } }
    const repo = t.gitRepo('net', { 'README.md': '# net\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const r = await c.invoke('repo.add', { path: repo })
    const a = `http://127.0.0.1:${allowedServer.port}`
    const b = `http://127.0.0.1:${other.port}`
    const script = [
      'echo "proxy: $HTTPS_PROXY $http_proxy no_proxy=[$NO_PROXY]"',
      `echo "plain: $(curl -s --max-time 10 ${a}/plain)"`,
      `echo "tunnel: $(curl -s --max-time 10 --proxytunnel ${a}/tunnel)"`,
      `echo "refused: $(curl -s --max-time 10 -w ' status=%{http_code}' ${b}/nope)"`,
      `curl -s --max-time 10 --proxytunnel ${b}/tunnel-nope; echo "refused tunnel: exit=$?"`,
      `curl -s --max-time 5 --noproxy '*' ${a}/direct; echo "direct: exit=$?"`,
      `curl -s --max-time 5 --noproxy '*' http://1.1.1.1/; echo "outside: exit=$?"`,
      `curl -s --max-time 5 --unix-socket ${localSocket} http://local/; echo "unix socket: exit=$?"`,
      `curl -s --max-time 5 --unix-socket /run/dbus/system_bus_socket http://local/ >/dev/null; echo "system bus: exit=$?"`,
      `echo "interfaces: $(awk -F: 'NR > 2 { gsub(/ /, "", $1); printf "%s ", $1 }' /proc/net/dev)"`
    ].join('\n')
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Fetch things' })
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', `{\n${script}\n} > net.txt 2>&1`] })
    let last: Run | undefined
    await expect.poll(async () => (last = await c.invoke('run.get', { id: run.id })).state, { timeout: 60_000, interval: 200 }).toBe('ready_to_merge')
    const out = fs.readFileSync(path.join(last!.worktreePath!, 'net.txt'), 'utf8')
    expect(out).toContain('proxy: http://127.0.0.1:9480 http://127.0.0.1:9480 no_proxy=[]')
    expect(out).toContain('plain: hello from allowed GET /plain')
    expect(out).toContain('tunnel: hello from allowed GET /tunnel')
    expect(out).toContain(`refused: Flightdeck refused 127.0.0.1:${other.port}: it is not on this run's network allow-list`)
    expect(out).toContain(`sandbox.allow permits 127.0.0.1:${allowedServer.port}).\n status=403`)
    expect(out).toMatch(/refused tunnel: exit=56/)
    expect(out).toMatch(/direct: exit=7\b/)
    expect(out).toMatch(/outside: exit=7\b/)
    expect(out).toContain('interfaces: lo \n')
    expect(out).not.toContain('hello from other')
    expect(out).toMatch(/unix socket: exit=7\b/)
    expect(out).not.toContain('hello from a unix socket')
    expect(out).toMatch(/system bus: exit=7\b/)

    // The forwarder ended with the session (the agent exited; the sandbox's pid namespace went with it).
    const forwarders = () => fs.readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path.join(t!.home, 'runs', run.id, 'egress.sock'))
      } catch {
        return false
      }
    })
    await expect.poll(forwarders, { timeout: 5_000 }).toEqual([])

    const doctor = await c.invoke('system.doctor', {})
    expect(doctor.find((line) => line.name === 'sandbox network')).toMatchObject({ status: 'ok', detail: expect.stringContaining('on, off and allow-list') })

    const events = await c.invoke('event.forEntity', { entity: run.id })
    expect(events.find((e) => e.topic === 'run.confined')?.payload).toEqual({ runId: run.id, confinement: { mode: 'workspace', network: 'allow-list', tool: 'bwrap' } })
    const refused = events.filter((e) => e.topic === 'agent.egress_refused').map((e) => e.payload)
    expect(refused).toEqual([
      { runId: run.id, host: '127.0.0.1', port: other.port, reason: 'not on the allow-list' },
      { runId: run.id, host: '127.0.0.1', port: other.port, reason: 'not on the allow-list' }
    ])
  }, 90_000)

  it('keeps working across an engine restart: the next engine serves the run’s proxy again', async () => {
    const allowedServer = await listen('allowed')
    servers.push(allowedServer.server)
    t = await startTestCore({ engine: true })
    const c = t.core.client
    const repo = t.gitRepo('net', { 'README.md': '# net\n', '.flightdeck/policy.json': JSON.stringify({ sandbox: { network: 'allow-list', allow: [`127.0.0.1:${allowedServer.port}`] } }) })
    const r = await c.invoke('repo.add', { path: repo })
    const a = `http://127.0.0.1:${allowedServer.port}`
    const script = `curl -s --max-time 10 ${a}/before > before.txt; while [ ! -f go ]; do sleep 0.1; done; curl -s --max-time 10 ${a}/after > after.txt; sleep 300`
    const run = await c.invoke('run.start', { issueId: (await c.invoke('issue.create', { repoId: r.id, title: 'Across a restart' })).id, agent: 'shell', argv: ['sh', '-c', script] })
    let worktree = ''
    await expect.poll(async () => (worktree = (await c.invoke('run.get', { id: run.id })).worktreePath ?? ''), { timeout: 30_000 }).not.toBe('')
    const read = (name: string) => (fs.existsSync(path.join(worktree, name)) ? fs.readFileSync(path.join(worktree, name), 'utf8') : '')
    await expect.poll(() => read('before.txt'), { timeout: 30_000 }).toBe('hello from allowed GET /before\n')
    await t.core.close()
    expect(fs.existsSync(path.join(t.home, 'runs', run.id, 'egress.sock'))).toBe(false)
    const later = await t.reopen({ engine: true })
    fs.writeFileSync(path.join(worktree, 'go'), '')
    await expect.poll(() => read('after.txt'), { timeout: 30_000 }).toBe('hello from allowed GET /after\n')
    await later.client.invoke('run.stop', { id: run.id })
  }, 90_000)
})
