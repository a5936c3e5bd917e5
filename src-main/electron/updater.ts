import { readFile } from 'node:fs/promises';
import { app, net } from 'electron';
import { autoUpdater, type UpdateDownloadedEvent } from 'electron-updater';
import { installerSignatureValid, readUpdateFeedUrl, readUpdateSigning, signatureUrl, type UpdateSigning } from './update-policy';

/**
 * Updates come from the city's own generic feed (electron-builder `latest*.yml` files, the installers and their
 * detached signatures on an HTTPS server, e.g. the central service's `/updates`), configured per installation
 * (update-policy.ts). An update downloads in the background and is installed on quit only once verified
 * beyond the feed's own hash: see update-policy.ts and docs/decisions/0001-windows-installer-and-updates.md.
 */
const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;
/** A verified update is installed once, on quit, however many times it was announced. */
let installOnQuit = false;

export function startAutoUpdates(options: {
  env: NodeJS.ProcessEnv;
  userDataDir: string;
  resourcesDir: string;
  isPackaged: boolean;
}): void {
  // electron-updater only knows how to replace an installed, packaged app.
  if (!options.isPackaged) return;
  const url = readUpdateFeedUrl(options.env, options.userDataDir);
  if (url === null) return;
  const signing = readUpdateSigning(options.resourcesDir, process.platform);
  if (signing === null) return;
  autoUpdater.logger = console;
  // Nothing is installed until its signature has been checked (on Windows electron-updater has also checked
  // the installer's Authenticode publisher against app-update.yml before this event): electron-updater's own
  // install-on-quit is off, and ours is set once the check passed.
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.setFeedURL({ provider: 'generic', url });
  autoUpdater.on('update-downloaded', (event: UpdateDownloadedEvent) => {
    void verifyDownloaded(url, signing, event).catch((error: unknown) =>
      console.error('[guichet] update not verified, not installed', error),
    );
  });
  const check = (): void => {
    autoUpdater.checkForUpdates().catch((error: unknown) => {
      // Offline is the field agent's normal state: a failed check is logged, never shown.
      console.warn('[guichet] update check failed', error);
    });
  };
  check();
  setInterval(check, CHECK_EVERY_MS).unref();
}

async function verifyDownloaded(feedUrl: string, signing: UpdateSigning, event: UpdateDownloadedEvent): Promise<void> {
  const name = event.files[0]?.url ?? event.path;
  const response = await net.fetch(signatureUrl(feedUrl, name));
  if (!response.ok) throw new Error(`no signature for ${name} (${response.status})`);
  const signature = Buffer.from(await response.arrayBuffer());
  if (!installerSignatureValid(await readFile(event.downloadedFile), signature, signing.publicKey)) {
    throw new Error(`the signature of ${name} does not verify with the key shipped in this build`);
  }
  if (installOnQuit) return;
  installOnQuit = true;
  app.once('will-quit', () => autoUpdater.quitAndInstall(true, false));
}
