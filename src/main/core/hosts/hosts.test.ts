import { execFileSync } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { type SshServer, startSshd } from '../../../../test/fixtures/sshd'
import type { ApiError } from '../../../shared/errors'
import { readProbe } from './host-probe'
import { fingerprint, verifyHostKey } from './known-hosts'
import { parseSshUrl } from './ssh-target'

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal') }, (e: ApiError) => e)

describe('hosts over SSH, against a real OpenSSH server on loopback', () => {
  let t: TestCore
  let sshd: SshServer
  beforeAll(async () => {
    t = await startTestCore()
    sshd = await startSshd(path.join(t.dir, 'sshd'))
  })
  afterAll(async () => {
    await sshd?.close()
    await t?.close()
  })
  const url = () => `ssh://root@127.0.0.1:${sshd.port}`

  it('adds a host, checks it over SSH with its key verified, and keeps what it found', async () => {
    const c = t.core.client
    const added = await c.invoke('host.add', { name: 'box', url: url(), identityFile: sshd.identity, knownHostsFile: sshd.knownHosts })
    expect(added).toMatchObject({ name: 'box', user: 'root', hostname: '127.0.0.1', port: sshd.port, lastCheck: null })
    const checked = await c.invoke('host.check', { name: 'box' })
    const lines = Object.fromEntries(checked.lastCheck!.lines.map((l) => [l.name, l]))
    expect(checked.lastCheck!.ok).toBe(true)
    expect(lines.reachable!.status).toBe('ok')
    expect(lines.git!.detail).toMatch(/^git version/)
    expect(lines.node!.detail).toBe(execFileSync('node', ['--version'], { encoding: 'utf8' }).trim())
    expect(checked.lastCheck!.cores).toBeGreaterThan(0)
    expect(checked.lastCheck!.memoryBytes).toBeGreaterThan(0)
    expect((await c.invoke('host.list', {}))[0]!.lastCheck!.at).toBe(checked.lastCheck!.at)
    expect((await refusal(c.invoke('host.add', { name: 'box', url: url() }))).code).toBe('already_exists')
  })

  it('refuses an unknown host key with its fingerprint, and a changed one as changed; never connects', async () => {
    const c = t.core.client
    const empty = path.join(t.dir, 'empty_known_hosts')
    fs.writeFileSync(empty, '')
    await c.invoke('host.add', { name: 'unknown-key', url: url(), identityFile: sshd.identity, knownHostsFile: empty })
    const unknown = (await c.invoke('host.check', { name: 'unknown-key' })).lastCheck!
    expect(unknown.ok).toBe(false)
    expect(unknown.lines).toHaveLength(1)
    expect(unknown.lines[0]!.detail).toContain(`is not in known_hosts (${empty}): it offered ${sshd.hostKeyFingerprint}`)

    const other = path.join(t.dir, 'other_host_key')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other])
    const changed = path.join(t.dir, 'changed_known_hosts')
    fs.writeFileSync(changed, `[127.0.0.1]:${sshd.port} ${fs.readFileSync(`${other}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`)
    await c.invoke('host.add', { name: 'changed-key', url: url(), identityFile: sshd.identity, knownHostsFile: changed })
    expect((await c.invoke('host.check', { name: 'changed-key' })).lastCheck!.lines[0]!.detail).toContain('has CHANGED')
  })

  it('says when the login is refused, when nothing listens, and what an address must look like', async () => {
    const c = t.core.client
    await c.invoke('host.add', { name: 'stranger', url: url(), identityFile: sshd.strangerIdentity, knownHostsFile: sshd.knownHosts })
    expect((await c.invoke('host.check', { name: 'stranger' })).lastCheck!.lines[0]!.detail).toBe(`root@127.0.0.1:${sshd.port} refused the login (key ${sshd.strangerIdentity}): add the key to the host's authorized_keys, or give --identity`)
    await c.invoke('host.add', { name: 'nobody', url: 'ssh://root@127.0.0.1:1', identityFile: sshd.identity, knownHostsFile: sshd.knownHosts })
    expect((await c.invoke('host.check', { name: 'nobody' })).lastCheck!.lines[0]!.detail).toMatch(/^cannot reach root@127.0.0.1:1: .*ECONNREFUSED/)
    expect((await refusal(c.invoke('host.add', { name: 'bad', url: 'ssh://-oProxyCommand=x' }))).message).toContain('is not an SSH address')
    expect((await refusal(c.invoke('host.check', { name: 'ghost' }))).code).toBe('not_found')
  })
})

describe('known_hosts and the probe', () => {
  const blob = randomBytes(51)
  const line = (hosts: string, key = blob) => `${hosts} ssh-ed25519 ${key.toString('base64')}\n`
  const file = (text: string) => {
    const f = path.join(fs.mkdtempSync('/tmp/fd-kh-'), 'known_hosts')
    fs.writeFileSync(f, text)
    return f
  }

  it('matches plain, [host]:port, hashed, wildcard and negated entries as OpenSSH does', () => {
    expect(verifyHostKey([file(line('build.example,10.0.0.5'))], 'build.example', 22, blob).ok).toBe(true)
    expect(verifyHostKey([file(line('[build.example]:2222'))], 'build.example', 2222, blob).ok).toBe(true)
    expect(verifyHostKey([file(line('build.example'))], 'build.example', 2222, blob)).toMatchObject({ ok: false, reason: 'unknown' })
    const salt = randomBytes(20)
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[h.example]:2200').digest('base64')}`
    expect(verifyHostKey([file(line(hashed))], 'h.example', 2200, blob).ok).toBe(true)
    expect(verifyHostKey([file(line('*.example,!evil.example'))], 'evil.example', 22, blob)).toMatchObject({ ok: false, reason: 'unknown' })
    expect(verifyHostKey([file(line('*.example'))], 'ok.example', 22, blob).ok).toBe(true)
    expect(verifyHostKey([file(`@revoked ${line('ok.example')}`)], 'ok.example', 22, blob)).toMatchObject({ ok: false, reason: 'revoked' })
    expect(fingerprint(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
  })

  it('reads a host without git or Node, or short of disk, as failing with what to do', () => {
    const check = readProbe('os=Linux x86_64\ncores=4\nmemkb=8000000\ndiskkb=500000\ngit=\nnode=v18.19.0\nload=0.5\n')
    expect(check.ok).toBe(false)
    expect(Object.fromEntries(check.lines.map((l) => [l.name, l.status]))).toEqual({ reachable: 'ok', git: 'fail', node: 'fail', disk: 'fail', agents: 'warn', capacity: 'ok' })
    expect(check.lines.find((l) => l.name === 'node')!.detail).toBe('Node v18.19.0 is too old: the pty host needs Node 20 or newer')
  })

  it('parses SSH addresses and refuses option-like hosts', () => {
    expect(parseSshUrl('ssh://ana@build.example:2222')).toEqual({ user: 'ana', host: 'build.example', port: 2222 })
    expect(parseSshUrl('mybox')).toEqual({ user: undefined, host: 'mybox', port: undefined })
    expect(() => parseSshUrl('ssh://-oProxyCommand=touch /tmp/x')).toThrow('is not an SSH address')
    expect(() => parseSshUrl('ssh://a@b:70000')).toThrow('out of range')
  })
})
