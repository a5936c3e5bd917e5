import type { Survey } from '../../src-shared/schemas/surveys';
import { surveyTitleOf } from '../../src-shared/surveys/survey-title';

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

/** The survey's French title (as the workspace reads it), or the city's generic name for a survey without one. */
export function surveyTitle(definition: Survey['definition']): string {
  return surveyTitleOf(definition, 'fr') || fallbackTitle;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The HTML part of every email: French, one readable column, no image, no script. */
const emailPage = (subject: string, body: string) => `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">
${body}
</body>
</html>`;

/** One-click unsubscribe (RFC 2369, 8058), in every email the voice sends. */
const unsubscribeHeaders = (unsubscribe: string) => ({
  'List-Unsubscribe': `<${unsubscribe}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

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
  const html = emailPage(
    subject,
    `<p>Bonjour,</p>
<p>${escapeHtml(opening)}</p>
<h1 style="font-size: 20px;">${escapeHtml(title)}</h1>
${paragraphs}
<p><a href="${escapeHtml(links.answer)}" style="color: #0b4f9c; font-weight: bold;">Répondre au questionnaire</a></p>
${deadline === null ? '' : `<p>${escapeHtml(deadline)}</p>\n`}<p>${escapeHtml(personal)}</p>
<p style="font-size: 14px;">${escapeHtml(leave)} <a href="${escapeHtml(links.unsubscribe)}" style="color: #0b4f9c;">Se désinscrire</a></p>`,
  );

  return { subject, text, html, headers: unsubscribeHeaders(links.unsubscribe) };
}

type Localized = { fr: string; en: string };

/** The English text, or the French one when none was written. */
const english = (text: Localized) => (text.en.trim() === '' ? text.fr : text.en).trim();
const frenchOnly = 'The city wrote it in French only, above.';

const paragraphsOf = (text: string) =>
  text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p style="white-space: pre-line;">${escapeHtml(paragraph.trim())}</p>`)
    .join('\n');

const link = (href: string, label: string) => `<a href="${escapeHtml(href)}" style="color: #0b4f9c;">${escapeHtml(label)}</a>`;

export interface OutcomeLinks {
  /** `<publicUrl>/resultats#outcome-<id>` and its English page. */
  outcome: string;
  outcomeEn: string;
  /** `<publicUrl>/u/<token>` */
  unsubscribe: string;
}

/**
 * "Vous avez dit, nous avons fait": a published outcome, to someone who took part in what it answers. French
 * first, then English (its English text when one was written); the outcome's words are escaped, its
 * paragraphs kept.
 */
export function outcomeEmail(outcome: { title: Localized; body: Localized }, links: OutcomeLinks): RenderedEmail {
  const title = outcome.title.fr.trim();
  const subject = oneLine(`Vous avez dit, nous avons fait : ${title}`);
  const fr = {
    opening: 'Vous avez donné votre avis à la ville, répondu à l’un de ses questionnaires ou fait une demande. Voici ce qu’elle a changé.',
    read: 'Lire sur le site de la ville',
    leave: 'Vous ne souhaitez plus recevoir ces messages ?',
    unsubscribe: 'Se désinscrire',
  };
  const en = {
    heading: 'You said, we did',
    opening: 'You gave the city your opinion, answered one of its surveys or made a request. Here is what it changed.',
    read: 'Read it on the city’s website',
    leave: 'No longer wish to receive these messages?',
    unsubscribe: 'Unsubscribe',
  };
  const text = [
    'Bonjour,',
    '',
    fr.opening,
    '',
    title,
    '',
    outcome.body.fr.trim(),
    '',
    `${fr.read} : ${links.outcome}`,
    '',
    '---',
    '',
    `${en.heading}. ${en.opening}`,
    '',
    english(outcome.title),
    '',
    outcome.body.en.trim() === '' ? frenchOnly : outcome.body.en.trim(),
    '',
    `${en.read}: ${links.outcomeEn}`,
    '',
    `${fr.leave} ${fr.unsubscribe} : ${links.unsubscribe}`,
    `${en.leave} ${en.unsubscribe}: ${links.unsubscribe}`,
  ].join('\n');
  const html = emailPage(
    subject,
    `<p>Bonjour,</p>
<p>${escapeHtml(fr.opening)}</p>
<h1 style="font-size: 20px;">${escapeHtml(title)}</h1>
${paragraphsOf(outcome.body.fr)}
<p>${link(links.outcome, fr.read)}</p>
<hr>
<div lang="en">
<p><strong>${escapeHtml(en.heading)}.</strong> ${escapeHtml(en.opening)}</p>
<h2 style="font-size: 18px;">${escapeHtml(english(outcome.title))}</h2>
${outcome.body.en.trim() === '' ? `<p>${escapeHtml(frenchOnly)}</p>` : paragraphsOf(outcome.body.en)}
<p>${link(links.outcomeEn, en.read)}</p>
</div>
<p style="font-size: 14px;">${escapeHtml(fr.leave)} ${link(links.unsubscribe, fr.unsubscribe)}<br>
<span lang="en">${escapeHtml(en.leave)} ${link(links.unsubscribe, en.unsubscribe)}</span></p>`,
  );
  return { subject, text, html, headers: unsubscribeHeaders(links.unsubscribe) };
}

/** An agent's public reply to a citizen's feedback (avis), with its tracking code; French, then English. */
export function replyEmail(reply: { trackingCode: string; body: string }, links: { feedback: string; unsubscribe: string }): RenderedEmail {
  const subject = oneLine(`Réponse à votre avis ${reply.trackingCode} — Reply to your feedback`);
  const fr = {
    opening: `La ville a répondu à votre avis (référence ${reply.trackingCode}) :`,
    again: 'Donner un autre avis',
    leave: 'Vous ne souhaitez plus recevoir de messages de la ville à propos de vos avis ?',
    unsubscribe: 'Se désinscrire',
  };
  const en = {
    opening: `The city replied to your feedback (reference ${reply.trackingCode}), above.`,
    leave: 'No longer wish to receive these messages?',
    unsubscribe: 'Unsubscribe',
  };
  const text = [
    'Bonjour,',
    '',
    fr.opening,
    '',
    reply.body.trim(),
    '',
    `${fr.again} : ${links.feedback}`,
    '',
    '---',
    en.opening,
    '',
    `${fr.leave} ${fr.unsubscribe} : ${links.unsubscribe}`,
    `${en.leave} ${en.unsubscribe}: ${links.unsubscribe}`,
  ].join('\n');
  const html = emailPage(
    subject,
    `<p>Bonjour,</p>
<p>${escapeHtml(fr.opening)}</p>
<blockquote style="border-left: 4px solid #0b4f9c; margin: 0; padding-left: 12px;">
${paragraphsOf(reply.body)}
</blockquote>
<p>${link(links.feedback, fr.again)}</p>
<hr>
<p lang="en">${escapeHtml(en.opening)}</p>
<p style="font-size: 14px;">${escapeHtml(fr.leave)} ${link(links.unsubscribe, fr.unsubscribe)}<br>
<span lang="en">${escapeHtml(en.leave)} ${link(links.unsubscribe, en.unsubscribe)}</span></p>`,
  );
  return { subject, text, html, headers: unsubscribeHeaders(links.unsubscribe) };
}
