/**
 * The public pages' HTTP dressing: their Content-Security-Policy and the small pages the service writes itself
 * (not found, closed, already answered), which need no script.
 */

/**
 * Scripts from the service only (no inline script, no eval: survey-core needs neither); styles from the
 * service, plus the style attributes survey-react-ui sets; the answer is sent to the service only.
 */
export const publicContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const publicSecurityHeaders: Record<string, string> = {
  'content-security-policy': publicContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  // An emailed link's token must not leave in a Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

export type StatusPage = 'notFound' | 'closed' | 'upcoming' | 'answered' | 'tokenInvalid' | 'notBuilt';

const texts: Record<StatusPage, { fr: [string, string]; en: [string, string] }> = {
  notFound: {
    fr: ['Questionnaire introuvable', 'Cette adresse ne correspond à aucun questionnaire ouvert. Vérifiez le lien reçu ou l’affiche.'],
    en: ['Survey not found', 'This address matches no open survey. Check the link you received or the poster.'],
  },
  closed: {
    fr: ['Ce questionnaire est clos', 'Il ne reçoit plus de réponses. Merci de votre intérêt.'],
    en: ['This survey is closed', 'It no longer takes answers. Thank you for your interest.'],
  },
  upcoming: {
    fr: ['Ce questionnaire n’est pas encore ouvert', 'Revenez à partir de sa date d’ouverture.'],
    en: ['This survey is not open yet', 'Come back from its opening date.'],
  },
  answered: {
    fr: ['Vous avez déjà répondu, merci', 'Votre réponse a bien été enregistrée. Chaque invitation ne compte qu’une fois.'],
    en: ['You already answered, thank you', 'Your answer was recorded. Each invitation counts once.'],
  },
  tokenInvalid: {
    fr: [
      'Ce lien n’est pas valide',
      'Le lien de participation est incomplet ou ne correspond à aucune invitation. Copiez-le en entier depuis le courriel reçu.',
    ],
    en: [
      'This link is not valid',
      'The participation link is incomplete or matches no invitation. Copy it whole from the email you received.',
    ],
  },
  notBuilt: {
    fr: ['Page indisponible', 'Les pages publiques ne sont pas installées sur ce service (npm run build:public).'],
    en: ['Page unavailable', 'The public pages are not installed on this service (npm run build:public).'],
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/** A whole page, French first with the English below (no script: nothing to switch). */
export function statusPageHtml(page: StatusPage, stylesheet: string): string {
  const { fr, en } = texts[page];
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(fr[0])}</title>
<link rel="stylesheet" href="${escapeHtml(stylesheet)}">
</head>
<body>
<main class="status-page">
<h1>${escapeHtml(fr[0])}</h1>
<p>${escapeHtml(fr[1])}</p>
<div lang="en" class="status-page-en">
<h2>${escapeHtml(en[0])}</h2>
<p>${escapeHtml(en[1])}</p>
</div>
</main>
</body>
</html>
`;
}
