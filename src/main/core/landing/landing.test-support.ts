import { execFileSync } from 'node:child_process'
import type { TestCore } from '../../../../test/fixtures/core'
import type { Run } from '../../../shared/domain'

export const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

/** Commits `content` to `file` in the run's worktree (a shell agent's whole job). */
export const writeFile = (file: string, content: string): string[] => ['sh', '-c', `printf '${content}\\n' > ${file} && git add ${file} && git commit -qm "write ${file}"`]

export function landingHelpers(t: TestCore) {
  const c = () => t.core.client
  return {
    /** Polls until the run is in `state`; a timeout says where it is instead, why, and its landing entry. */
    async waitForState(id: string, state: Run['state'], timeout = 40_000): Promise<Run> {
      for (const deadline = Date.now() + timeout; ; await new Promise((r) => setTimeout(r, 100))) {
        const last = await c().invoke('run.get', { id })
        if (last.state === state) return last
        if (Date.now() > deadline) {
          const entry = (await c().invoke('landing.list', {})).entries.find((e) => e.runId === id)
          const story = (await c().invoke('event.forEntity', { entity: id }))
            .map((e) => (e.topic === 'run.updated' ? `${(e.payload as { from?: string }).from ?? ''}->${(e.payload as { run: Run }).run.state}` : e.topic))
            .join(', ')
          throw new Error(`run ${id} is ${last.state}, not ${state}, after ${timeout} ms: ${last.detail ?? 'no detail'}; landing entry: ${entry ? JSON.stringify(entry) : 'none'}; its events: ${story}`)
        }
      }
    },
    async repoWith(files: Record<string, string>, policy?: object) {
      const repo = t.gitRepo(undefined, { ...files, ...(policy ? { '.flightdeck/policy.json': JSON.stringify(policy) } : {}) })
      return { path: repo, repo: await c().invoke('repo.add', { path: repo }) }
    },
    async startRun(repoId: string, title: string, argv: string[], priority?: 'urgent' | 'high' | 'medium' | 'low'): Promise<Run> {
      const issue = await c().invoke('issue.create', { repoId, title, priority })
      return c().invoke('run.start', { issueId: issue.id, agent: 'shell', argv })
    }
  }
}
