/** IPC channels of the host port; the preload mirrors them (a sandboxed preload cannot import this file). */
export const HOST_CHANNEL = 'flightdeck:host'
export const HOST_ACTIVATE_CHANNEL = 'flightdeck:host-activate'

export const hostOps = ['notify', 'setBlockedWork', 'copyText', 'openExternal', 'pickDirectory'] as const
export type HostOp = (typeof hostOps)[number]
