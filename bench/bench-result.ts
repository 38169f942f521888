import { pathToFileURL } from 'node:url'

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

/**
 * Runs a bench file's `run` when the file itself is executed (`node --import tsx bench/x.bench.ts`) and prints
 * its table; under `npm run bench` the file is imported and nothing happens here.
 */
export function runIfMain(url: string, run: () => Promise<BenchResult[]>): void {
  if (url !== pathToFileURL(process.argv[1] ?? '').href) return
  run().then(
    (results) => {
      console.table(results)
      process.exit(0)
    },
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    }
  )
}
