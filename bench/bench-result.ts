/** One measurement of `npm run bench`: Flightdeck's number, the raw baseline measured in the same run, and the target. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  baseline?: number
  /** value relative to baseline, oriented so that higher is better. */
  ratio?: number
  target?: string
  pass?: boolean
}
