import { WorkspaceError } from './workspace-error'

// One definition, in shared: the contract checks branch names at the boundary with the same rules.
export { isValidBranchName } from '../../../shared/git-names'

/** Readable part of a branch name; the run id suffix keeps names unique, so the slug can be lossy. */
export const MAX_SLUG_LENGTH = 60
const MAX_ID_LENGTH = 32
// Titles can be a megabyte of pasted log; nothing past this could survive truncation anyway.
const MAX_TITLE_SCAN = 1_000

/**
 * Lowercase ASCII words joined by '-'. Everything else (shell metacharacters, path separators,
 * control characters, non-Latin scripts) becomes a separator, so the result needs no escaping
 * anywhere: not in git, not in a path, not in a terminal title.
 */
export function slugify(text: string, maxLength = MAX_SLUG_LENGTH): string {
  const ascii = text
    .slice(0, MAX_TITLE_SCAN)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // drop accents so "café" reads as "cafe", not "caf"
    .toLowerCase()
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return slug.slice(0, maxLength).replace(/-+$/, '')
}

/** Keeps only components git accepts; a hostile prefix degrades to fewer components, never an invalid ref. */
export function sanitizeBranchPrefix(prefix: string): string {
  const parts = prefix
    .slice(0, MAX_TITLE_SCAN)
    .split('/')
    .map((part) =>
      part
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/\.{2,}/g, '.')
        .replace(/^[.-]+/, '')
        .replace(/(\.lock)+$/i, '')
        .replace(/\.+$/, '')
    )
    .filter((part) => part.length > 0)
  return parts.length > 0 ? `${parts.join('/')}/` : ''
}

/**
 * `<prefix><slug>-<runId>`, e.g. `fd/fix-login-redirect-01j9x...`. Valid per `git check-ref-format --branch`
 * for any title; the run id must contain at least one letter or digit.
 */
export function branchNameFor(prefix: string, title: string, runId: string): string {
  const id = slugify(runId, MAX_ID_LENGTH)
  if (id === '') throw new WorkspaceError('invalid_input', `Run id ${JSON.stringify(runId.slice(0, 40))} has no usable characters`)
  const slug = slugify(title) || 'run'
  return `${sanitizeBranchPrefix(prefix)}${slug}-${id}`
}
