/**
 * The import direction of the house (docs/architecture.md): shared imports nothing of ours; the core is
 * plain Node; only the Electron layer touches `electron`; the renderer and preload see shared only.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src/shared holds types, the contract and constants: no Node, no DOM, nothing else of ours.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', 'node_modules/zod'], dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'electron-only-in-electron-layer',
      comment: 'The core, server, CLI and pty host run in plain Node: only src/main/electron, src/main/index.ts and the preload may import electron.',
      severity: 'error',
      from: { pathNot: ['^src/main/electron/', '^src/main/index\\.ts$', '^src/preload/'] },
      to: { path: '^electron$|node_modules/electron/' }
    },
    {
      name: 'core-is-headless',
      comment: 'The core never reaches up into transports, the CLI, Electron or the renderer.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: ['^src/main/(electron|server|cli)/', '^src/main/index\\.ts$', '^src/renderer/', '^src/preload/'] }
    },
    {
      name: 'transports-do-not-import-each-other',
      severity: 'error',
      from: { path: '^src/main/(server|cli)/' },
      to: { path: ['^src/main/electron/', '^src/renderer/', '^src/preload/'] }
    },
    {
      name: 'renderer-sees-shared-only',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: ['^src/main/', '^src/preload/(?!bridge\\.d\\.ts$)'] }
    },
    {
      name: 'preload-sees-shared-only',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: ['^src/main/', '^src/renderer/'] }
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] }
  }
}
