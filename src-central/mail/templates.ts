import type { Survey } from '../../src-shared/schemas/surveys';

/** What an invitation needs of its survey: a title (from the SurveyJS definition) and the purpose statement. */
export type InvitedSurvey = Pick<Survey, 'purpose' | 'definition' | 'closesOn'>;

export interface InvitationLinks {
  /** `<publicUrl>/s/<surveyId>?t=<token>` */
  answer: string;
  /** `<publicUrl>/u/<token>` */
  unsubscribe: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const fallbackTitle = 'Questionnaire de la ville';

/** The survey's French title: SurveyJS's `title` is a plain string or `{ default, fr, … }`. */
export function surveyTitle(definition: Survey['definition']): string {
  const title = (definition as { title?: unknown }).title;
  if (typeof title === 'string' && title.trim() !== '') return title.trim();
  if (typeof title === 'object' && title !== null) {
    const texts = title as Record<string, unknown>;
    for (const key of ['fr', 'default']) {
      const text = texts[key];
      if (typeof text === 'string' && text.trim() !== '') return text.trim();
    }
  }
  return fallbackTitle;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Subjects are one line, whatever the title holds. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 150);

function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * The invitation (or its reminder) in French, the city's language: plain text and a simple accessible HTML
 * part (a language, a title, real links, no images, no tracking), and the headers that let a mail client
 * offer "unsubscribe" itself (RFC 2369, one-click RFC 8058).
 */
export function invitationEmail(survey: InvitedSurvey, links: InvitationLinks, options: { reminder: boolean }): RenderedEmail {
  const title = surveyTitle(survey.definition);
  const purpose = survey.purpose.fr.trim();
  const subject = oneLine(options.reminder ? `Rappel : votre avis sur « ${title} »` : `Votre avis compte : « ${title} »`);
  const opening = options.reminder
    ? 'Vous n’avez pas encore répondu à notre questionnaire. Il est encore temps de nous donner votre avis.'
    : 'La ville souhaite connaître votre avis. Répondre ne prend que quelques minutes.';
  const deadline = survey.closesOn === null ? null : `Vous pouvez répondre jusqu’au ${formatDate(survey.closesOn)}.`;
  const personal = 'Ce lien est personnel : merci de ne pas le transférer.';
  const leave = 'Vous ne souhaitez plus recevoir nos questionnaires ?';

  const text = [
    'Bonjour,',
    '',
    opening,
    '',
    title,
    ...(purpose === '' ? [] : ['', purpose]),
    '',
    `Répondre au questionnaire : ${links.answer}`,
    ...(deadline === null ? [] : [deadline]),
    personal,
    '',
    `${leave} Se désinscrire : ${links.unsubscribe}`,
  ].join('\n');

  const paragraphs =
    purpose === ''
      ? ''
      : purpose
          .split(/\n+/)
          .map((line) => `<p>${escapeHtml(line)}</p>`)
          .join('\n');
  const html = `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">
<p>Bonjour,</p>
<p>${escapeHtml(opening)}</p>
<h1 style="font-size: 20px;">${escapeHtml(title)}</h1>
${paragraphs}
<p><a href="${escapeHtml(links.answer)}" style="color: #0b4f9c; font-weight: bold;">Répondre au questionnaire</a></p>
${deadline === null ? '' : `<p>${escapeHtml(deadline)}</p>\n`}<p>${escapeHtml(personal)}</p>
<p style="font-size: 14px;">${escapeHtml(leave)} <a href="${escapeHtml(links.unsubscribe)}" style="color: #0b4f9c;">Se désinscrire</a></p>
</body>
</html>`;

  return {
    subject,
    text,
    html,
    headers: { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
