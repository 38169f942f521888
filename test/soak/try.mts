import { soak } from './soak-run'
const r = await soak({ agents: 4, durationMs: 40_000, sampleMs: 3_000, talkSeconds: 2, browser: true })
console.log(JSON.stringify({ ...r, samples: r.samples.map((s) => [s.t, Math.round(s.coreRss / 1e6), s.coreFds, s.walBytes, s.loopP99Ms, Math.round(s.ptyHostRss / 1e6), s.ptyHostFds, Math.round(s.rendererRss / 1e6), Math.round(s.rendererHeap / 1e6), s.runsLive]) }, null, 1))
