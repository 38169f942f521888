// electron-builder afterPack hook: rebuild native modules (better-sqlite3; node-pty is N-API but is rebuilt
// too so its helper binaries match the target) for the packaged Electron, inside the packaged app only.
const path = require('node:path')

/** Where the app's files sit inside the unpacked output of each platform (asar is off). */
function appDir(context) {
  const { appOutDir, electronPlatformName, packager } = context
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${packager.appInfo.productFilename}.app`, 'Contents', 'Resources', 'app')
  }
  return path.join(appOutDir, 'resources', 'app')
}

module.exports = async function afterPack(context) {
  const { rebuild } = await import('@electron/rebuild')
  const electronVersion = context.packager.config.electronVersion ?? require('electron/package.json').version
  const arch = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'][context.arch] ?? process.arch
  await rebuild({ buildPath: appDir(context), electronVersion, arch, force: true, onlyModules: ['better-sqlite3', 'node-pty'] })
}

module.exports.appDir = appDir
