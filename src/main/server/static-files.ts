import fs from 'node:fs'
import path from 'node:path'
import type { ServerResponse } from 'node:http'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json'
}

/** The decoded path, or undefined when it is not valid percent-encoded UTF-8 (`/%ff`). */
function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return undefined
  }
}

/** Serves a file from the built renderer; unknown paths get index.html (the app routes in the client). */
export function serveStatic(root: string, pathname: string, res: ServerResponse, headers: Record<string, string>): void {
  const decoded = decodePath(pathname)
  if (decoded === undefined || decoded.includes('\u0000')) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('malformed path\n')
    return
  }
  const safe = path.normalize(decoded).replace(/^(\.\.(\/|\\|$))+/, '')
  let file = path.join(root, safe)
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(root, 'index.html')
  }
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(`The UI is not built (${root} is missing). Run \`npm run build\` first.\n`)
    return
  }
  const immutable = file.includes(`${path.sep}assets${path.sep}`)
  res.writeHead(200, {
    ...headers,
    'content-type': types[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
  })
  const stream = fs.createReadStream(file)
  // A file removed between the check and the read (a rebuild) ends this response, not the server.
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}
