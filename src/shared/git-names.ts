/**
 * The rules of `git check-ref-format --branch`, checked in-process so we can validate names that come back
 * from the database or the policy file (and names a user types into the contract) before handing them to git.
 */
export function isValidBranchName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false
  if (name.startsWith('-') || name === '@' || name === 'HEAD') return false
  // Control characters and the characters git reserves for revision syntax.
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name)) return false
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return false
  if (name.endsWith('/') || name.endsWith('.')) return false
  return name.split('/').every((part) => part.length > 0 && !part.startsWith('.') && !part.endsWith('.lock'))
}
