import { Menu, Tray, app, nativeImage } from 'electron'
import { type BlockedItem, type HostTarget, badgeText } from '../../shared/host'

/** Entries of blocked work listed in the tray menu; the rest are counted. */
const MENU_ITEMS = 12

/** The tray icon: its tooltip and title carry the blocked count, its menu jumps to each blocked item. */
export class FlightdeckTray {
  private readonly tray: Tray

  constructor(
    iconPath: string,
    private readonly activate: (target: HostTarget | null) => void
  ) {
    const icon = nativeImage.createFromPath(iconPath)
    this.tray = new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon.resize({ width: 16, height: 16 }))
    this.tray.on('click', () => this.activate(null))
    this.update([])
  }

  update(items: readonly BlockedItem[]): void {
    const count = items.length
    this.tray.setToolTip(count ? `Flightdeck — ${count} blocked` : 'Flightdeck — nothing blocked')
    // The title shows next to the icon on macOS; the dock/launcher badge on macOS and Unity.
    if (process.platform === 'darwin') this.tray.setTitle(badgeText(count))
    app.setBadgeCount(count)
    const listed = items.slice(0, MENU_ITEMS).map((item) => ({ label: item.label, click: () => this.activate(item.target) }))
    const more = count > MENU_ITEMS ? [{ label: `…and ${count - MENU_ITEMS} more`, click: () => this.activate({ kind: 'view', view: 'runs' }) }] : []
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: count ? `${count} blocked` : 'Nothing blocked', enabled: false },
        ...listed,
        ...more,
        { type: 'separator' },
        { label: 'Show Flightdeck', click: () => this.activate(null) },
        { label: 'Quit', role: 'quit' }
      ])
    )
  }

  dispose(): void {
    this.tray.destroy()
  }
}
