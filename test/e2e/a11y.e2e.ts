import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { makeGitRepo, type tempDir } from '../fixtures/temp'
import { useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-a11y-', (deck) => ({ tmp, home, serve } = deck))

const views = ['board', 'runs', 'grid', 'inbox', 'plans', 'doctrine', 'usage', 'settings']

test('every main view has no serious or critical axe-core violations, light and dark', async ({ page }) => {
  await runCli(home, 'repo', 'add', makeGitRepo(path.join(tmp.dir, 'axe')))
  await runCli(home, 'issue', 'create', '--repo', 'axe', '--title', 'Check the contrast')
  const found: string[] = []
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const view of views) {
      await page.goto(`${serve.url}#/${view}`)
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'open')
      await expect(page.locator('html')).not.toHaveClass(/theme-switching/)
      const { violations } = await new AxeBuilder({ page }).analyze()
      for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        found.push(`${scheme} ${view}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
      }
    }
  }
  expect(found, found.join('\n')).toEqual([])
})
