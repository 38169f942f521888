/** A registered git repository. */
export interface Repo {
  id: string
  name: string
  /** Absolute path of the repository's top-level folder. */
  path: string
  /** The branch that runs branch from and merge back into, unless policy says otherwise. */
  defaultBranch: string
  createdAt: string
}
