import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runCli, type ServeProcess } from '../fixtures/serve'
import { shoot, shots, useDeck } from './support'

let home: string
let serve: ServeProcess

// A person with no key in their environment: the key comes from Settings or nowhere.
delete process.env.ANTHROPIC_API_KEY
delete process.env.ANTHROPIC_BASE_URL
useDeck('fd-e2e-keys-', (deck) => ({ home, serve } = deck))

const status = async () => JSON.parse(await runCli(home, 'secret', 'status', '--json')) as { items: Record<string, { set: boolean; source: string | null }>; trustedHosts: string[] }

test('a key set in Settings stops the planning warning at once and the CLI sees it; cleared, the warning returns', async ({ page }) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'open')
  await page.getByRole('button', { name: 'Plans' }).click()
  const warning = page.getByTestId('missing-key-planning')
  await expect(warning).toContainText('Planning needs an Anthropic API key')
  await page.screenshot({ path: path.join(shots, 'plans-missing-key.png') })

  await warning.getByRole('button', { name: 'Set the key' }).click()
  const section = page.getByRole('region', { name: 'Models & keys' })
  await expect(section).toBeInViewport()
  await expect(section.getByTestId('secret-backend')).toContainText(/stored in the (plain-text file .*secrets\.json \(0600\)|Secret Service)/)
  const key = section.getByTestId('secret-anthropic.apiKey')
  await expect(key.getByTestId('secret-anthropic.apiKey-state')).toHaveText('Not set')
  await key.getByLabel('Anthropic API key (a new value)').fill('sk-ant-from-settings')
  await key.getByRole('button', { name: 'Save' }).click()
  await expect(key.getByTestId('secret-anthropic.apiKey-state')).toHaveText('Set')
  // The value never comes back to the page.
  await expect(key.getByLabel('Anthropic API key (a new value)')).toHaveValue('')
  expect(await page.content()).not.toContain('sk-ant-from-settings')
  expect((await status()).items['anthropic.apiKey']).toEqual({ set: true, source: 'store' })

  // A base URL on another host is confirmed before the key may go there.
  const endpoint = section.getByTestId('endpoint-anthropic')
  await endpoint.getByLabel('Model for grading').fill('claude-opus-4-1')
  await endpoint.getByLabel('Base URL').fill('http://127.0.0.1:4999/')
  await endpoint.getByRole('button', { name: 'Save' }).click()
  const confirm = page.getByRole('dialog', { name: 'Send a key to this host?' })
  await expect(confirm).toContainText('http://127.0.0.1:4999')
  await page.screenshot({ path: path.join(shots, 'settings-confirm-host.png') })
  await confirm.getByRole('button', { name: 'Send my Anthropic API key there' }).click()
  await expect(endpoint.getByRole('status')).toHaveText('Saved')
  await expect(section.getByTestId('trusted-hosts')).toContainText('http://127.0.0.1:4999')
  expect((await status()).trustedHosts).toEqual(['http://127.0.0.1:4999'])
  await section.scrollIntoViewIfNeeded()
  await shoot(page, 'settings-models-keys')

  await page.getByRole('button', { name: 'Plans' }).click()
  await expect(page.getByTestId('plan-list')).toBeVisible()
  await expect(page.getByTestId('missing-key-planning')).toHaveCount(0)

  // Cleared from the CLI: the open window follows without a reload.
  await runCli(home, 'secret', 'clear', 'anthropic.apiKey')
  await expect(page.getByTestId('missing-key-planning')).toBeVisible()
  expect((await status()).items['anthropic.apiKey']?.set).toBe(false)
})

test('Settings checks the machine: git, agents, the sandbox, the keychain, the database and disk, each with a fix', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByRole('button', { name: 'Settings' }).click()
  const machine = page.getByRole('region', { name: 'Machine' })
  await machine.getByRole('button', { name: 'Check this machine' }).click()
  const doctor = machine.getByTestId('doctor')
  await expect(doctor.locator('li').filter({ hasText: /^git/ })).toHaveAttribute('data-status', 'ok')
  await expect(doctor.locator('li').filter({ hasText: /^sandbox(?! network)/ })).toContainText('bwrap confines agents to their worktree')
  await expect(doctor.locator('li').filter({ hasText: /^database/ })).toContainText('integrity check passed')
  await expect(doctor.locator('li').filter({ hasText: /^keychain/ })).toContainText('Fix:')
  await machine.scrollIntoViewIfNeeded()
  await shoot(page, 'settings-machine')
  const cli = JSON.parse(await runCli(home, 'doctor', '--json')) as { name: string; status: string }[]
  expect(cli.map((c) => c.name)).toEqual(expect.arrayContaining(['git', 'sandbox', 'keychain', 'pty host', 'database', 'disk space']))
})
