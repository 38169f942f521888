import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { FLEET_CATALOG, makeFleetRepos } from '../fixtures/fleet-repos'
import { runCli, type ServeProcess } from '../fixtures/serve'
import type { tempDir } from '../fixtures/temp'
import { shoot, useDeck } from './support'

let tmp: ReturnType<typeof tempDir>
let home: string
let serve: ServeProcess

useDeck('fd-e2e-fleet-', (deck) => ({ tmp, home, serve } = deck))

test('the fleet view lists thirty real repositories, filters and sorts them, and shows the blast radius of the one selected', async ({ page }) => {
  const paths = makeFleetRepos(path.join(tmp.dir, 'repos'))
  for (const p of Object.values(paths)) await runCli(home, 'repo', 'add', p)
  const catalog = path.join(tmp.dir, 'catalog.yaml')
  fs.writeFileSync(catalog, FLEET_CATALOG)
  await runCli(home, 'fleet', 'import', catalog)

  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Fleet', exact: true }).click()
  const view = page.getByTestId('fleet-view')
  await expect(view.getByTestId('fleet-count')).toHaveText('30')
  // Sorted by tier first: n-core (T0), n-api (T1), g-edge (T2), then the rest by name.
  await expect(view.getByTestId('fleet-row').nth(0)).toHaveAttribute('data-name', 'n-core')
  await expect(view.getByTestId('fleet-row').nth(1)).toHaveAttribute('data-name', 'n-api')
  await expect(view.getByTestId('fleet-row').nth(2)).toHaveAttribute('data-name', 'g-edge')
  await expect(view.getByTestId('fleet-row').nth(0)).toContainText('@acme/platform, @alice')
  await expect(view.getByTestId('fleet-row').nth(0)).toContainText('github-actions')
  await shoot(page, 'fleet-list')

  await view.getByLabel('Runtime').selectOption('python')
  await expect(view.getByTestId('fleet-count')).toHaveText('10 of 30')
  await view.getByLabel('Lifecycle').selectOption('deprecated')
  await expect(view.getByTestId('fleet-count')).toHaveText('1 of 30')
  await expect(view.getByTestId('fleet-row')).toHaveAttribute('data-name', 'p-bridge')
  await view.getByLabel('Lifecycle').selectOption('')
  await view.getByLabel('Runtime').selectOption('')
  await view.getByLabel('Filter repositories').fill('g-')
  await expect(view.getByTestId('fleet-count')).toHaveText('10 of 30')
  await view.getByRole('button', { name: 'Name', exact: true }).click()
  await expect(view.getByTestId('fleet-row').nth(0)).toHaveAttribute('data-name', 'g-api')
  await view.getByLabel('Filter repositories').fill('')

  await view.locator('[data-testid=fleet-row][data-name=n-core]').click()
  const pane = page.getByTestId('fleet-impact')
  await expect(pane.getByTestId('impact-total')).toHaveText('Blast radius: 10 repositories')
  await expect(pane.getByTestId('impact-level')).toHaveCount(4)
  await expect(pane.getByTestId('impact-level').nth(0).getByTestId('impact-repo')).toHaveCount(4)
  await expect(pane.getByTestId('impact-level').nth(0)).toContainText('@acme/core · package.json:6')
  await expect(pane.getByTestId('impact-cycle')).toHaveText('Cycle: n-api → n-gateway → n-api')
  await expect(pane.getByTestId('fleet-facts')).toContainText('CODEOWNERS:2')
  await shoot(page, 'fleet-impact')

  // Following a dependent selects it; its own radius is computed.
  await pane.getByRole('button', { name: 'n-web', exact: true }).click()
  await expect(page.getByTestId('fleet-impact')).toHaveAttribute('aria-label', 'Impact of n-web')
  await expect(page.getByTestId('impact-total')).toHaveText('Blast radius: 2 repositories')

  // A value set from the CLI reaches the open view through the event feed.
  await view.getByRole('button', { name: 'Tier', exact: true }).click()
  await expect(view.getByTestId('fleet-row').nth(1)).toHaveAttribute('data-name', 'n-api')
  await runCli(home, 'fleet', 'set', 'n-docs', '--criticality', '0')
  await expect(view.getByTestId('fleet-row').nth(1)).toHaveAttribute('data-name', 'n-docs')
})
