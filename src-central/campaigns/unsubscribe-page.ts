import { escapeHtml } from '../mail/templates';

/** What the unsubscribe page can say; none of it names the citizen, their address or the survey. */
export type UnsubscribePage = 'confirm' | 'done' | 'unknown' | 'throttled';

const texts: Record<UnsubscribePage, { title: string; body: string[] }> = {
  confirm: {
    title: 'Ne plus recevoir les questionnaires de la ville',
    body: [
      'Vous ne recevrez plus par courriel les questionnaires de la ville ni ses messages « Vous avez dit, nous avons fait ».',
      'Vos échanges avec les services de la ville (vos demandes, leurs réponses) ne changent pas.',
    ],
  },
  done: {
    title: 'C’est noté',
    body: [
      'Vous ne recevrez plus les questionnaires de la ville ni ses messages « Vous avez dit, nous avons fait ».',
      'Vous pouvez changer d’avis à tout moment en le demandant à l’accueil de la mairie.',
    ],
  },
  unknown: {
    title: 'Ce lien n’est pas valide',
    body: [
      'Ce lien est incomplet ou n’est plus valide. Vérifiez que vous l’avez copié en entier depuis le courriel reçu.',
      'Pour ne plus recevoir les questionnaires de la ville, vous pouvez aussi le demander à l’accueil de la mairie.',
    ],
  },
  throttled: {
    title: 'Trop de tentatives',
    body: ['Trop de demandes ont été faites depuis votre connexion. Merci de réessayer dans une minute.'],
  },
};

/** A small page, French, accessible (language, landmarks, one heading, a labelled button), no script. */
export function unsubscribePage(page: UnsubscribePage, formAction?: string): string {
  const { title, body } = texts[page];
  const form =
    page === 'confirm' && formAction !== undefined
      ? `<form method="post" action="${escapeHtml(formAction)}"><button type="submit">Me désinscrire</button></form>`
      : '';
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: Arial, sans-serif; font-size: 1.125rem; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 36rem; margin: 0 auto; padding: 2rem 1rem; }
h1 { font-size: 1.5rem; }
button { font: inherit; color: #fff; background: #0b4f9c; border: 0; border-radius: 0.375rem; padding: 0.75rem 1.5rem; min-height: 44px; cursor: pointer; }
button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${form}
</main>
</body>
</html>`;
}
