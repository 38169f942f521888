import type { ParsedInput } from '../../../shared/contract'
import type { Issue, WorkItem } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { topologicalOrder } from '../planning/decomposition-validate'
import type { PlanContext } from '../planning/plan-context'
import { findDecomposition, listLinks, setGithubNumber } from '../planning/plan-records.repository'
import { findPlan } from '../planning/plan.repository'
import { listIssues } from '../issues/issue.repository'
import { issueMarker, parseMarker } from './issue-marker'
import { assertSecretDestination } from '../secrets/trusted-hosts'

type SyncResult = { created: number; updated: number; issues: { itemKey: string; number: number }[] }

function githubBody(planId: string, item: WorkItem, issue: Issue, numbers: Map<string, number>): string {
  const deps = item.depends_on.map((k) => (numbers.has(k) ? `#${numbers.get(k)}` : k))
  return [
    issue.body,
    issue.acceptanceCriteria.length ? `### Acceptance criteria\n${issue.acceptanceCriteria.map((c) => `- [ ] ${c}`).join('\n')}` : '',
    deps.length ? `Depends on: ${deps.join(', ')}` : '',
    issueMarker(planId, item.key)
  ].filter(Boolean).join('\n\n')
}

/**
 * Pushes an approved plan's issues to GitHub. Existing issues are found by the marker in their body (not by
 * our stored numbers alone), so a re-sync after anything went wrong updates instead of duplicating.
 */
export async function syncGithub(ctx: PlanContext, input: ParsedInput<'plan.syncGithub'>): Promise<SyncResult> {
  const db = ctx.store.db
  const plan = await findPlan(db, input.id)
  if (plan.status !== 'approved') throw new ApiError('refused', `plan ${plan.id} is not approved yet: approve it before syncing to GitHub`, 'id')
  const token = await ctx.secrets.resolve('github.token')
  if (!token) throw new ApiError('unavailable', 'no GitHub token: store one (`flightdeck secret set github.token`) or set GITHUB_TOKEN')
  const decomposition = await findDecomposition(db, plan.id)
  const links = new Map((await listLinks(db, plan.id)).map((l) => [l.itemKey, l]))
  const issues = new Map((await listIssues(db, { ids: [...links.values()].map((l) => l.issueId) })).map((i) => [i.id, i]))
  // Failures are reported once, as our error; Octokit's own request log would repeat them on stderr.
  const quiet = () => undefined
  const settings = await ctx.settings.get()
  const baseUrl = input.baseUrl ?? settings.github.apiUrl ?? undefined
  assertSecretDestination({ url: baseUrl, provider: 'github', secret: 'GitHub token', settings })
  // Loaded when a plan is synced, not by every process that composes the core.
  const { Octokit } = await import('@octokit/rest')
  const octokit = new Octokit({ auth: token, baseUrl, request: { retries: 0 }, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } })
  const where = { owner: input.owner, repo: input.repo }
  const existing = new Map<string, { number: number; title: string; body: string }>()
  try {
    for (const gh of await octokit.paginate(octokit.rest.issues.listForRepo, { ...where, state: 'all', per_page: 100 })) {
      const mark = parseMarker(gh.body)
      if (mark?.planId === plan.id && !gh.pull_request) existing.set(mark.itemKey, { number: gh.number, title: gh.title, body: gh.body ?? '' })
    }
    const numbers = new Map<string, number>()
    const result: SyncResult = { created: 0, updated: 0, issues: [] }
    for (const item of topologicalOrder(decomposition?.items ?? [])) {
      const issue = issues.get(links.get(item.key)?.issueId ?? '')
      if (!issue) continue
      const body = githubBody(plan.id, item, issue, numbers)
      const found = existing.get(item.key)
      let number: number
      if (found) {
        number = found.number
        if (found.title !== issue.title || found.body !== body) {
          await octokit.rest.issues.update({ ...where, issue_number: number, title: issue.title, body, labels: issue.labels })
          result.updated++
        }
      } else {
        number = (await octokit.rest.issues.create({ ...where, title: issue.title, body, labels: issue.labels })).data.number
        result.created++
      }
      numbers.set(item.key, number)
      await ctx.store.write((tx) => setGithubNumber(tx.db, plan.id, item.key, number))
      result.issues.push({ itemKey: item.key, number })
    }
    return result
  } catch (error) {
    if (error instanceof ApiError) throw error
    const status = (error as { status?: number }).status
    throw new ApiError('unavailable', `GitHub sync of ${input.owner}/${input.repo} failed${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`)
  }
}
