import path from 'node:path'
import { startServe } from '../fixtures/serve'
import { tempDir } from '../fixtures/temp'
import { connectWs } from '../fixtures/ws-client'
const tmp = tempDir('fd-idle-')
const serve = await startServe(path.join(tmp.dir, 'home'))
const c = await connectWs(`${serve.origin.replace('http', 'ws')}/api/ws?token=${new URL(serve.url).searchParams.get('token')}`)
await c.invoke('system.metrics', {})
for (let i = 0; i < 5; i++) {
  await new Promise((r) => setTimeout(r, 3000))
  console.log((await c.invoke('system.metrics', {})).eventLoop)
}
c.close(); await serve.stop(); tmp.cleanup()
