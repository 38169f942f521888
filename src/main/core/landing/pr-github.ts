import type { Octokit } from '@octokit/rest'

/** A GitHub answer that stopped the follower: `blocking` ones wait for the operator, others retry (at `retryAt`). */
export class GithubFault extends Error {
  constructor(
    message: string,
    readonly blocking: boolean,
    readonly retryAt: number | null = null
  ) {
    super(message)
  }
}

interface RequestErrorLike {
  status?: number
  message: string
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

const header = (e: RequestErrorLike, name: string): string | undefined => {
  const value = e.response?.headers?.[name]
  return value === undefined ? undefined : String(value)
}

/** Turns an Octokit error into the specific sentence the run's timeline shows, and whether to wait or retry. */
export function githubFault(error: unknown, action: string, repository: string, clock: () => number = Date.now): GithubFault {
  if (error instanceof GithubFault) return error
  const e = error as RequestErrorLike
  const status = e.status
  const data = (e.response?.data ?? {}) as { message?: string; errors?: { message?: string; field?: string; code?: string }[] }
  const said = data.message ?? e.message
  const remaining = header(e, 'x-ratelimit-remaining')
  const retryAfter = header(e, 'retry-after')
  if ((status === 403 || status === 429) && (remaining === '0' || retryAfter !== undefined || /rate limit/i.test(said))) {
    const reset = Number(header(e, 'x-ratelimit-reset'))
    const at = retryAfter !== undefined ? clock() + Number(retryAfter) * 1_000 : Number.isFinite(reset) && reset > 0 ? reset * 1_000 : clock() + 60_000
    return new GithubFault(`GitHub's rate limit was reached while ${action} (HTTP ${status}: ${said}); trying again at ${new Date(at).toISOString()}`, false, at)
  }
  if (status === 401) return new GithubFault(`GitHub refused the token while ${action} (HTTP 401: ${said}): store a valid one with \`flightdeck secret set github.token\`, then queue the run again`, true)
  if (status === 403 || (status === 404 && header(e, 'x-accepted-oauth-scopes') !== undefined)) {
    const has = header(e, 'x-oauth-scopes')
    const needs = header(e, 'x-accepted-oauth-scopes')
    const scopes = `${has !== undefined ? ` The token's scopes: ${has || 'none'}.` : ''}${needs ? ` This needs: ${needs}.` : ''}`
    return new GithubFault(`the GitHub token is not allowed to ${action} in ${repository} (HTTP ${status}: ${said}).${scopes} Give it the \`repo\` scope (or "Pull requests: write" and "Checks: read"), then queue the run again`, true)
  }
  if (status === 404) return new GithubFault(`GitHub has no repository ${repository}, or the token cannot see it (HTTP 404 while ${action}); check policy landing.pullRequest.repository and the remote's URL`, true)
  if (status === 422) {
    const details = (data.errors ?? []).map((x) => x.message ?? [x.field, x.code].filter(Boolean).join(' ')).filter(Boolean).join('; ')
    return new GithubFault(`GitHub refused to ${action} (HTTP 422: ${said}${details ? `: ${details}` : ''})`, true)
  }
  return new GithubFault(`GitHub did not answer while ${action} (${status ? `HTTP ${status}: ` : ''}${said}); trying again`, false)
}

/** A client for one look at a PR: every call of it is cut off after `timeoutMs` (a hung API must not hold the queue). */
export async function githubClient(token: string, baseUrl: string | undefined, timeoutMs = 30_000): Promise<Octokit> {
  // Loaded when a pull request is followed, not by every process that composes the core.
  const { Octokit } = await import('@octokit/rest')
  // Failures are reported once, as our fault; Octokit's own request log would repeat them on stderr.
  const quiet = () => undefined
  return new Octokit({ auth: token, baseUrl, request: { retries: 0, signal: AbortSignal.timeout(timeoutMs) }, log: { debug: quiet, info: quiet, warn: quiet, error: quiet } })
}

export interface PullView {
  number: number
  url: string
  state: 'open' | 'closed' | 'merged'
  headSha: string
  mergeSha: string | null
  /** False when GitHub says the head conflicts with the base; null while it has not computed it. */
  mergeable: boolean | null
}

export interface ReviewView {
  id: number
  user: string
  state: string
  body: string
  comments: { path: string; line: number | null; body: string }[]
}

export interface CheckView {
  name: string
  status: string
  conclusion: string | null
  text: string
  url: string
}

/** The few calls the pull-request path makes, each turning GitHub's faults into sentences. */
export class GithubPulls {
  private readonly owner: string
  private readonly repo: string

  constructor(
    private readonly octokit: Octokit,
    readonly repository: string
  ) {
    ;[this.owner = '', this.repo = ''] = repository.split('/')
  }

  private async call<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw githubFault(error, action, this.repository)
    }
  }

  private view(pr: { number: number; html_url: string; state: string; merged?: boolean | null; merged_at?: string | null; merge_commit_sha?: string | null; mergeable?: boolean | null; head: { sha: string } }): PullView {
    return { number: pr.number, url: pr.html_url, state: pr.merged || pr.merged_at ? 'merged' : pr.state === 'open' ? 'open' : 'closed', headSha: pr.head.sha, mergeSha: pr.merge_commit_sha ?? null, mergeable: pr.mergeable ?? null }
  }

  /** The open pull request whose head is this branch, if any (someone, or an earlier attempt, opened it). */
  async findOpen(branch: string): Promise<PullView | undefined> {
    const list = await this.call('list pull requests', () => this.octokit.paginate(this.octokit.rest.pulls.list, { owner: this.owner, repo: this.repo, state: 'open', head: `${this.owner}:${branch}`, per_page: 100 }))
    const found = list.find((p) => p.head.ref === branch)
    return found ? this.view(found) : undefined
  }

  async create(input: { branch: string; base: string; title: string; body: string }): Promise<PullView> {
    const { data } = await this.call('open a pull request', () => this.octokit.rest.pulls.create({ owner: this.owner, repo: this.repo, head: input.branch, base: input.base, title: input.title, body: input.body }))
    return this.view(data)
  }

  async get(number: number): Promise<PullView> {
    const { data } = await this.call(`read pull request #${number}`, () => this.octokit.rest.pulls.get({ owner: this.owner, repo: this.repo, pull_number: number }))
    return this.view(data)
  }

  async reopen(number: number): Promise<PullView> {
    const { data } = await this.call(`reopen pull request #${number}`, () => this.octokit.rest.pulls.update({ owner: this.owner, repo: this.repo, pull_number: number, state: 'open' }))
    return this.view(data)
  }

  async reviews(number: number): Promise<ReviewView[]> {
    const where = { owner: this.owner, repo: this.repo, pull_number: number, per_page: 100 }
    const reviews = await this.call(`read the reviews of #${number}`, () => this.octokit.paginate(this.octokit.rest.pulls.listReviews, where))
    const comments = reviews.some((r) => r.state === 'CHANGES_REQUESTED') ? await this.call(`read the review comments of #${number}`, () => this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, where)) : []
    return reviews.map((r) => ({
      id: r.id,
      user: r.user?.login ?? 'someone',
      state: r.state,
      body: r.body ?? '',
      comments: comments.filter((c) => c.pull_request_review_id === r.id).map((c) => ({ path: c.path, line: c.line ?? c.original_line ?? null, body: c.body }))
    }))
  }

  async checks(sha: string): Promise<CheckView[]> {
    const runs = await this.call(`read the checks of ${sha.slice(0, 10)}`, () => this.octokit.paginate(this.octokit.rest.checks.listForRef, { owner: this.owner, repo: this.repo, ref: sha, per_page: 100 }))
    return runs.map((c) => ({
      name: c.name,
      status: c.status,
      conclusion: c.conclusion ?? null,
      text: [c.output?.title, c.output?.summary, c.output?.text].filter(Boolean).join('\n'),
      url: c.html_url ?? ''
    }))
  }
}
