import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

const bundledDeps = ['@anthropic-ai/sdk', '@babel/parser', '@modelcontextprotocol/sdk', '@octokit/rest', 'commander', 'jsonc-parser', 'kysely', 'picomatch', 'simple-git', 'ulid', 'ws', 'yaml', 'zod']

const define = { __FLIGHTDECK_VERSION__: JSON.stringify(pkg.version) }

export default defineConfig({
  main: {
    define,
    build: {
      // The same bundle runs under Electron and under the user's Node 20 (CLI, serve, pty host).
      target: 'node20',
      // Pure-JS dependencies are bundled: a CLI call (an agent's hook, `status --json`) then loads a few files
      // instead of resolving and linking hundreds of modules. Native addons (and what loads them) stay outside.
      externalizeDeps: { exclude: bundledDeps },
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli/index.ts'),
          'pty-host': resolve('src/main/pty-host.ts'),
          // Loaded by the pty host as a worker thread, next to pty-host.js.
          'scrollback.worker': resolve('src/main/core/sessions/scrollback.worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    define,
    root: 'src/renderer',
    plugins: [react(), tailwindcss()],
    build: {
      // The page's first paint waits for its script: minified, it is a third of the size to load and parse.
      minify: 'esbuild',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
