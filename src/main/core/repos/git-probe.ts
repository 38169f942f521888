import fs from 'node:fs/promises'
import path from 'node:path'
import { simpleGit } from 'simple-git'
import { ApiError } from '../../../shared/errors'

export interface ProbedRepo {
  topLevel: string
  currentBranch: string
}

/** Checks that `dir` is (inside) a non-bare git work tree and reports its top level and branch. */
export async function probeGitRepo(dir: string): Promise<ProbedRepo> {
  const absolute = path.resolve(dir)
  const stat = await fs.stat(absolute).catch(() => undefined)
  if (!stat) throw new ApiError('not_found', `no such folder: ${absolute}`, 'path')
  if (!stat.isDirectory()) throw new ApiError('invalid_input', `not a folder: ${absolute}`, 'path')
  const git = simpleGit({ baseDir: absolute })
  let topLevel: string
  try {
    topLevel = (await git.revparse(['--show-toplevel'])).trim()
  } catch {
    throw new ApiError('not_a_git_repo', `${absolute} is not a git repository (run \`git init\` there first)`, 'path')
  }
  if (!topLevel) throw new ApiError('not_a_git_repo', `${absolute} is a bare git repository; a work tree is needed`, 'path')
  const currentBranch = (await git.raw(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '')).trim()
  if (!currentBranch) {
    throw new ApiError('invalid_input', `${topLevel} has a detached HEAD; check out a branch first`, 'path')
  }
  return { topLevel: await fs.realpath(topLevel), currentBranch }
}
