/** What the e2e files share: a served Flightdeck per file, and light and dark screenshots people look at. */
import path from 'node:path'
import { type Page, expect, test } from '@playwright/test'
import { runCli, startServe, type ServeProcess } from '../fixtures/serve'
import { tempDir } from '../fixtures/temp'

/** The suite's screenshots (CI keeps them as artifacts). */
export const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots')

/** `<name>-light.png` and `<name>-dark.png` of the current screen, each taken once the theme has switched. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await expect(page.locator('html')).toHaveClass(scheme === 'dark' ? /dark/ : /^(?!.*dark)/)
    await expect(page.locator('html')).not.toHaveClass(/theme-switching/)
    await page.screenshot({ path: path.join(shots, `${name}-${scheme}.png`) })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

export interface Deck {
  tmp: ReturnType<typeof tempDir>
  home: string
  serve: ServeProcess
}

/**
 * A real `flightdeck serve` on a temp home for the tests of one file: started before the first (after any
 * beforeAll registered earlier, such as a model server whose URL it must inherit), stopped and removed after the
 * last. `bind` receives it once started.
 */
export function useDeck(prefix: string, bind: (deck: Deck) => void): void {
  let deck: Deck | undefined
  test.beforeAll(async () => {
    const tmp = tempDir(prefix)
    const home = path.join(tmp.dir, 'home')
    deck = { tmp, home, serve: await startServe(home) }
    bind(deck)
  })
  // A failed test says what the runs were doing: CI keeps only this output, not the data folder.
  test.afterEach(async ({ page }, info) => {
    if (!deck || info.status === info.expectedStatus) return
    // What the person would have seen, as text (the screenshot and trace stay on the CI machine).
    const screen = await page.locator('body').innerText({ timeout: 2_000 }).catch((e: Error) => `(no page text: ${e.message})`)
    const runs = await runCli(deck.home, 'run', 'list', '--json').catch((e: Error) => `run list failed: ${e.message}`)
    const lines = (() => {
      try {
        return (JSON.parse(runs) as { id: string; state: string; agentProfile: string; exitCode: number | null; detail: string | null }[]).map(
          (r) => `  ${r.id} ${r.state} (${r.agentProfile}, exit ${r.exitCode ?? '-'}): ${r.detail ?? ''}`
        )
      } catch {
        return [runs]
      }
    })()
    console.error(`\n--- runs of ${deck.home}\n${lines.join('\n')}\n--- page text (${page.url()})\n${screen.slice(0, 3_000)}\n--- serve stderr (tail)\n${deck.serve.stderr().slice(-4_000)}`)
  })
  test.afterAll(async () => {
    await deck?.serve.stop()
    deck?.tmp.cleanup()
  })
}
