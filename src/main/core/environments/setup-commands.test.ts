import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/fixtures/temp'
import { openDatabase } from '../db/open-database'
import { Store } from '../store'
import { runEnvironmentCommands } from './setup-commands'

describe('setup commands', () => {
  let tmp: ReturnType<typeof tempDir> | undefined
  afterEach(() => tmp?.cleanup())

  it("writes its log into a run folder that does not exist yet (a run's first launch) and records each outcome", async () => {
    tmp = tempDir('fd-setup-')
    const store = new Store(await openDatabase(path.join(tmp.dir, 'db.sqlite')))
    const logFile = path.join(tmp.dir, 'home', 'runs', 'R1', 'setup.log')
    const events: unknown[] = []
    store.feed.subscribe((e) => e.topic === 'run.environment' && events.push(e.payload))
    await runEnvironmentCommands(store, { runId: 'R1', phase: 'setup', commands: [{ name: 'install', argv: ['sh', '-c', 'echo added 1 package'], timeoutSeconds: 10 }], cwd: tmp.dir, env: { PATH: process.env.PATH ?? '' }, logFile })
    expect(fs.readFileSync(logFile, 'utf8')).toMatch(/^\$ sh -c echo added 1 package {3}# install\nadded 1 package\n\n\[exit 0\]\n$/)
    expect(events).toMatchObject([{ runId: 'R1', phase: 'setup', name: 'install', status: 'passed', exitCode: 0 }])
    await store.close()
  })
})
