import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../test/fixtures/core'
import { connectWs } from '../../../test/fixtures/ws-client'
import type { EventEnvelope } from '../../shared/contract'
import { type RunningServer, startServer } from './http-server'

describe('browser-mode server', () => {
  let t: TestCore
  let server: RunningServer
  let rendererDir: string

  beforeEach(async () => {
    t = await startTestCore()
    rendererDir = path.join(t.home, 'renderer')
    fs.mkdirSync(rendererDir, { recursive: true })
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Flightdeck</title>')
    server = await startServer({ core: t.core, rendererDir, port: 0 })
  })
  afterEach(async () => {
    await server.close()
    await t.close()
  })

  const wsUrl = () => `${server.origin.replace('http', 'ws')}/api/ws`

  it('binds to loopback by default', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('refuses HTTP without the token, and trades the URL token for a cookie', async () => {
    expect((await fetch(server.origin)).status).toBe(401)
    const first = await fetch(server.url, { redirect: 'manual' })
    expect(first.status).toBe(302)
    const cookie = first.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(first.headers.get('location')).toBe('/')
    const page = await fetch(server.origin, { headers: { cookie: cookie.split(';')[0] ?? '' } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('Flightdeck')
  })

  it('refuses a WebSocket without the token, with a wrong one, or from a foreign Origin', async () => {
    await expect(connectWs(wsUrl())).rejects.toThrow(/401/)
    await expect(connectWs(`${wsUrl()}?token=wrong`)).rejects.toThrow(/401/)
    await expect(connectWs(`${wsUrl()}?token=${server.token}`, { origin: 'http://evil.example' })).rejects.toThrow(/403/)
    await expect(connectWs(`${wsUrl()}?token=${server.token}`, { origin: 'http://localhost:1' })).rejects.toThrow(/403/)
    const ok = await connectWs(`${wsUrl()}?token=${server.token}`, { origin: server.origin })
    expect((await ok.invoke('system.info', {})).home).toBe(t.home)
    ok.close()
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    // fetch() may not set Host, so speak plain http.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = http.request(server.url, { headers: { host: `evil.example:${server.port}` } }, (res) => {
        res.resume()
        resolve(res.statusCode)
      })
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(421)
  })

  it('carries commands and streams events to every connected client', async () => {
    const a = await connectWs(`${wsUrl()}?token=${server.token}`)
    const b = await connectWs(wsUrl(), { authorization: `Bearer ${server.token}` })
    const seenByB: EventEnvelope[] = []
    b.subscribe((e) => seenByB.push(e))
    const repo = await a.invoke('repo.add', { path: t.gitRepo() })
    const issue = await a.invoke('issue.create', { repoId: repo.id, title: 'from tab A' })
    await expect.poll(() => seenByB.map((e) => e.topic)).toEqual(['repo.added', 'issue.created'])
    expect(seenByB[1]?.payload).toMatchObject({ issue: { id: issue.id, title: 'from tab A' } })
    await expect(a.invoke('issue.create', { repoId: repo.id, title: '' })).rejects.toMatchObject({ code: 'invalid_input', path: 'title' })
    a.close()
    b.close()
  })
})
