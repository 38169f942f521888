/** A label as a chip shows it: `plan:<26-char id>` labels from approved plans shorten to `plan …XXXXXX`. */
export function labelText(label: string): string {
  const plan = /^plan:([0-9A-HJKMNP-TV-Z]{26})$/.exec(label)
  return plan ? `plan …${(plan[1] as string).slice(-6)}` : label
}
