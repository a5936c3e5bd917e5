import { spawn } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { app } from 'electron';

/**
 * Squirrel.Windows runs the freshly installed app with `--squirrel-*` flags to let it create or remove its
 * shortcuts, then expects it to quit at once: no window, no replica opened mid-install.
 * Returns true when this launch was such an event (the app is quitting).
 */
export function handleSquirrelEvent(): boolean {
  if (process.platform !== 'win32') return false;
  const flag = process.argv[1];
  if (flag === undefined || !flag.startsWith('--squirrel-') || flag === '--squirrel-firstrun') return false;
  const updateExe = join(dirname(process.execPath), '..', 'Update.exe');
  const shortcut = basename(process.execPath);
  const runUpdateExe = (argument: string): void => {
    spawn(updateExe, [argument], { detached: true }).on('close', () => app.quit()).on('error', () => app.quit());
  };
  if (flag === '--squirrel-install' || flag === '--squirrel-updated') runUpdateExe(`--createShortcut=${shortcut}`);
  else if (flag === '--squirrel-uninstall') runUpdateExe(`--removeShortcut=${shortcut}`);
  else app.quit();
  return true;
}
