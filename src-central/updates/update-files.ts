import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/**
 * What electron-updater's generic provider fetches: `latest*.yml` manifests, installers and their
 * blockmaps, plus each installer's detached signature (src-main/electron/update-policy.ts). Anything else in the folder is not served, whatever it is.
 */
const contentTypes: Readonly<Record<string, string>> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.appimage': 'application/vnd.appimage',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.msi': 'application/x-msi',
  '.zip': 'application/zip',
  '.deb': 'application/vnd.debian.binary-package',
  '.rpm': 'application/x-rpm',
  '.dmg': 'application/x-apple-diskimage',
  '.blockmap': 'application/octet-stream',
  '.nupkg': 'application/octet-stream',
  // An installer's detached Ed25519 signature, checked by the desktop against the key it ships with.
  '.sig': 'application/octet-stream',
};

/** A plain file name: no separator, no leading dot (no dotfile, no `..`), nothing but these characters. */
const namePattern = /^[A-Za-z0-9][A-Za-z0-9 ._+~-]{0,254}$/;

export interface UpdateFile {
  path: string;
  size: number;
  modified: Date;
  contentType: string;
}

export function contentTypeOf(name: string): string | undefined {
  return contentTypes[extname(name).toLowerCase()];
}

/**
 * The file a request names, or null for anything not servable: traversal (the router hands the name over
 * decoded, so `%2e%2e%2f` arrives as `../` and fails the pattern), dotfiles, sub-folders, other extensions,
 * missing files, directories and symlinks pointing out of the folder.
 */
export async function resolveUpdateFile(updatesDir: string, name: string): Promise<UpdateFile | null> {
  const contentType = contentTypeOf(name);
  if (!namePattern.test(name) || contentType === undefined) return null;
  try {
    const root = await realpath(updatesDir);
    const real = await realpath(join(root, name));
    if (!real.startsWith(root + sep) || real.slice(root.length + 1).includes(sep)) return null;
    const info = await stat(real);
    if (!info.isFile()) return null;
    return { path: real, size: info.size, modified: info.mtime, contentType };
  } catch {
    return null;
  }
}
