/**
 * The public pages' HTML, written on the server: they work without JavaScript, on any phone, and leave
 * nothing to run in the citizen's browser. Every value taken from the database or the request goes through
 * `escapeHtml`.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => entities[character] as string);
}

/** A template tag escaping every interpolated value but those already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function markup(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** The CSP of these pages: nothing but their own stylesheet; forms post to the same origin. */
export const publicPageCsp =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** A whole page: French, readable on a phone, a skip link to the content, the city's plain stylesheet. */
export function page(options: { title: string; heading?: string; body: Html; lang?: 'fr' | 'en' }): string {
  return markup`<!doctype html>
<html lang="${options.lang ?? 'fr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="stylesheet" href="/public/voice.css">
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<main id="contenu">
<h1>${options.heading ?? options.title}</h1>
${options.body}
</main>
</body>
</html>
`.text;
}

/** Readable, large enough to touch, contrast above 4.5:1 (WCAG 2.1 AA), focus always visible. */
export const publicStylesheet = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; }
body { margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; }
a { color: #0b4fb3; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
.skip:focus { left: 0.5rem; }
:focus-visible { outline: 3px solid #0b4fb3; outline-offset: 2px; }
label, legend { display: block; font-weight: 600; margin: 1.25rem 0 0.4rem; }
select, textarea, input[type="email"] { width: 100%; box-sizing: border-box; font: inherit; padding: 0.6rem; border: 2px solid #555; border-radius: 6px; }
textarea { min-height: 8rem; }
fieldset { border: 0; padding: 0; margin: 0; }
.faces { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.faces label { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 400; margin: 0; padding: 0.6rem 0.9rem; border: 2px solid #555; border-radius: 999px; min-height: 44px; box-sizing: border-box; }
.faces input { width: 1.2rem; height: 1.2rem; }
.check { display: flex; gap: 0.6rem; align-items: flex-start; font-weight: 400; }
.check input { width: 1.3rem; height: 1.3rem; margin-top: 0.15rem; }
.hint { color: #4a4a4a; font-size: 0.95rem; margin: 0.2rem 0 0; }
button { margin-top: 1.5rem; font: inherit; font-weight: 600; color: #fff; background: #0b4fb3; border: 0; border-radius: 6px; padding: 0.8rem 1.4rem; min-height: 44px; cursor: pointer; }
.error { border-left: 4px solid #b3261e; background: #fdecea; padding: 0.75rem 1rem; margin: 1rem 0; }
.error ul { margin: 0.3rem 0 0; }
.done { border-left: 4px solid #1e6b34; background: #e8f5ec; padding: 0.75rem 1rem; margin: 1rem 0; }
article { border-top: 1px solid #ccc; padding: 0.5rem 0 1rem; }
.meta { color: #4a4a4a; font-size: 0.95rem; }
`;

/** What a person reads when their address sent too many requests (429, with Retry-After). */
export function throttledPage(): string {
  return page({
    title: 'Trop de demandes',
    body: markup`<p>Trop de demandes ont été faites depuis votre connexion. Merci de réessayer dans une minute.</p>`,
  });
}
