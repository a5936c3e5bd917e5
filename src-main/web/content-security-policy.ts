/**
 * The one Content-Security-Policy of the workspace page, shared by the Electron window and browser mode so
 * both transports run the renderer under the same rules.
 */
export interface CspOptions {
  /** Extra `connect-src` sources beyond 'self' (browser mode adds its WebSocket origin). */
  connectSources?: readonly string[];
  /**
   * Extra `img-src` origins: the central service's public address, whose survey QR codes (`qr.svg`, `qr.png`)
   * the diffusion panel shows (docs/surveys.md).
   */
  imageSources?: readonly string[];
  /**
   * Only for the Vite dev server: @vitejs/plugin-react injects an inline React Refresh preamble.
   * Never set for built renderers.
   */
  allowInlineScriptsForDevServer?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const scriptSrc = options.allowInlineScriptsForDevServer === true ? "'self' 'unsafe-inline'" : "'self'";
  const directives = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    // Mantine injects <style> elements at runtime.
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'blob:', ...(options.imageSources ?? [])].join(' '),
    // Vite inlines small assets (icons, fonts) as data: URLs.
    "font-src 'self' data:",
    ['connect-src', "'self'", ...(options.connectSources ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ];
  return directives.join('; ');
}

/** The origin of an http(s) URL, or null for anything else (never a source a CSP should name). */
export function httpOrigin(url: string | null): string | null {
  if (url === null || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
}
