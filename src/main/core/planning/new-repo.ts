import fs from 'node:fs'
import path from 'node:path'
import { simpleGit } from 'simple-git'
import { ApiError } from '../../../shared/errors'
import { FLIGHTDECK_IDENTITY } from '../workspaces/git-identity'

function firstParagraph(prd: string): string {
  const paragraph = prd
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p && !p.startsWith('#'))
  return paragraph ? paragraph.slice(0, 1_000) : ''
}

/** Refuses a target folder that exists and is not empty, before anything is written. */
export function checkNewRepoDir(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new ApiError('already_exists', `${dir} already exists and is not empty; choose another name or register it as an existing repository`, 'target.name')
  }
}

/**
 * A new local repository for a plan: `git init` on main, a README generated from the PRD, a docs folder
 * holding the PRD, one initial commit.
 */
export async function createLocalRepo(dir: string, name: string, title: string, prd: string): Promise<void> {
  checkNewRepoDir(dir)
  fs.mkdirSync(path.join(dir, 'docs'), { recursive: true })
  const intro = firstParagraph(prd)
  fs.writeFileSync(
    path.join(dir, 'README.md'),
    `# ${name}\n\n${title}${intro ? `\n\n${intro}` : ''}\n\n` +
      'Planned with Flightdeck: the architecture pack and the work plan live under `docs/`; issues are on the Flightdeck board.\n'
  )
  fs.writeFileSync(path.join(dir, 'docs', 'README.md'), `# ${name} docs\n\n- [prd.md](prd.md): the product requirements this repository was planned from.\n`)
  fs.writeFileSync(path.join(dir, 'docs', 'prd.md'), prd.endsWith('\n') ? prd : `${prd}\n`)
  const git = simpleGit({ baseDir: dir })
  await git.init(['--initial-branch=main'])
  await git.add(['-A'])
  await git.raw(['-c', `user.name=${FLIGHTDECK_IDENTITY.name}`, '-c', `user.email=${FLIGHTDECK_IDENTITY.email}`, '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', `Start ${name}: README and PRD`])
}
