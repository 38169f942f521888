import path from 'node:path'
import YAML from 'yaml'
import type { ParsedInput } from '../../../shared/contract'
import type { Plan } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { newId, now } from '../ids'
import { probeGitRepo } from '../repos/git-probe'
import { findRepo, insertRepo, toRepo } from '../repos/repo.repository'
import type { Store } from '../store'
import { checkNewRepoDir, createLocalRepo } from './new-repo'
import { insertPlan, toPlan } from './plan.repository'

/** Org constraints are a YAML mapping; anything else is refused naming the problem and its line. */
export function parseConstraints(yamlText: string): Record<string, unknown> {
  if (!yamlText.trim()) return {}
  let value: unknown
  try {
    value = YAML.parse(yamlText)
  } catch (error) {
    throw new ApiError('invalid_input', `orgConstraintsYaml: not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'orgConstraintsYaml')
  }
  if (value === null || value === undefined) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError('invalid_input', 'orgConstraintsYaml: org constraints must be a YAML mapping (key: value), not a list or a scalar', 'orgConstraintsYaml')
  }
  return value as Record<string, unknown>
}

export function titleOf(prd: string): string {
  const heading = /^#{1,3}\s+(.+)$/m.exec(prd)?.[1]
  const line = heading ?? prd.split('\n').find((l) => l.trim()) ?? 'Untitled plan'
  return line.trim().slice(0, 200)
}

/**
 * Validates everything first (constraints, target), then creates the new repository if asked, then writes
 * the plan (and the repository's registration) in one transaction.
 */
export async function createPlan(store: Store, home: string, input: ParsedInput<'plan.create'>): Promise<Plan> {
  const orgConstraints = parseConstraints(input.orgConstraintsYaml)
  const title = input.title ?? titleOf(input.prdText)
  let newRepo: { dir: string; name: string } | null = null
  if (input.target.kind === 'existing') {
    if (!(await findRepo(store.db, input.target.repoId))) throw new ApiError('not_found', `no repository with id ${input.target.repoId}`, 'target.repoId')
  } else {
    const dir = path.resolve(input.target.parentDir ?? path.join(home, 'repos'), input.target.name)
    checkNewRepoDir(dir)
    if (await findRepo(store.db, input.target.name)) throw new ApiError('already_exists', `a repository named "${input.target.name}" is already registered`, 'target.name')
    await createLocalRepo(dir, input.target.name, title, input.prdText)
    newRepo = { dir, name: input.target.name }
  }
  const probed = newRepo ? await probeGitRepo(newRepo.dir) : null
  return store.write(async (tx) => {
    let repoId = input.target.kind === 'existing' ? input.target.repoId : ''
    if (newRepo && probed) {
      const repoRow = { id: newId(), name: newRepo.name, path: probed.topLevel, default_branch: probed.currentBranch, created_at: now() }
      await insertRepo(tx.db, repoRow)
      tx.emit('repo.added', repoRow.id, { repo: toRepo(repoRow) })
      repoId = repoRow.id
    }
    const ts = now()
    const row = { id: newId(), title, summary: '', status: 'intake', repo_id: repoId, prd_text: input.prdText, org_constraints: JSON.stringify(orgConstraints), clarifications: '[]', current_version: 0, created_at: ts, updated_at: ts }
    await insertPlan(tx.db, row)
    const plan = toPlan(row)
    tx.emit('plan.updated', plan.id, { plan })
    return plan
  })
}
