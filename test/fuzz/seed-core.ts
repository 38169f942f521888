import { type TestCore, startTestCore } from '../fixtures/core'

/** A real core with something in it: repositories, an issue, a forum thread and a plan to aim ids at. */
export async function seededCore(): Promise<{ t: TestCore; keepPaths: string[] }> {
  const t = await startTestCore()
  const paths = [t.gitRepo('alpha', { 'README.md': '# alpha\n' }), t.gitRepo('beta')]
  const repo = await t.core.client.invoke('repo.add', { path: paths[0] as string })
  await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Seed issue', acceptanceCriteria: ['it works'] })
  await t.core.client.invoke('forum.ask', { title: 'Seed question', body: 'Which port?' })
  await t.core.client.invoke('plan.create', { prdText: '# Seed\n\nA plan.', target: { kind: 'existing', repoId: repo.id } })
  return { t, keepPaths: paths }
}
