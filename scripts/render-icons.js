// Renders resources/icon.svg to resources/icon.png (1024 px, transparent) in Debian's Chromium; electron-builder
// makes the .icns and .ico from that PNG. Run after editing the SVG: node scripts/render-icons.js
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const resources = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources')
const svg = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } })
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
  await page.locator('svg').screenshot({ path: path.join(resources, 'icon.png'), omitBackground: true })
} finally {
  await browser.close()
}
