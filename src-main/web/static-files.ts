import { realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

/**
 * Maps URL paths to files of the built renderer, for browser mode and the Electron `app://` protocol alike.
 * Only files under the root are ever returned: traversal (`..`, encoded or not, either slash), dotfiles,
 * NUL bytes and symlinks leading out of the root resolve to nothing.
 */

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function mimeTypeFor(file: string): string {
  return mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticResolution =
  | { kind: 'file'; file: string }
  /** The path tried to leave the root or name a hidden file. */
  | { kind: 'forbidden' }
  | { kind: 'missing' };

/**
 * `pathname` is the raw URL path (still percent-encoded). Paths without an extension that match no file are
 * client-side routes and get `index.html`; a missing asset stays missing so a broken build shows as a 404.
 */
export function resolveStaticFile(root: string, pathname: string): StaticResolution {
  const segments = decodeSegments(pathname);
  if (segments === null) return { kind: 'forbidden' };
  const realRoot = realpathSync(root);
  const candidate = join(realRoot, ...segments);
  if (isFileInside(realRoot, candidate)) return { kind: 'file', file: candidate };
  const last = segments.at(-1) ?? '';
  if (extname(last) === '') {
    const index = join(realRoot, 'index.html');
    if (isFileInside(realRoot, index)) return { kind: 'file', file: index };
  }
  return { kind: 'missing' };
}

/** Splits after decoding, so `%2e%2e%2f` and `..%5c` are seen as the traversals they are. */
function decodeSegments(pathname: string): string[] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split(/[/\\]+/).filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.') || segment.includes(':'))) return null;
  return segments;
}

function isFileInside(realRoot: string, candidate: string): boolean {
  try {
    if (!statSync(candidate).isFile()) return false;
    const real = realpathSync(candidate);
    return real.startsWith(realRoot + sep);
  } catch {
    return false;
  }
}
