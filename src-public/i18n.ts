/** The public pages' words, French first (docs/surveys.md, "Public pages"); /work/shared/GLOSSARY.md's terms. */
export type Language = 'fr' | 'en';

const fr = {
  switchLanguage: 'English',
  switchLanguageLabel: 'Read this page in English',
  purposeTitle: 'Avant de commencer : vos données',
  loading: 'Chargement du questionnaire…',
  sending: 'Envoi de votre réponse…',
  thanksTitle: 'Merci pour votre participation !',
  thanksText: 'Votre réponse a bien été enregistrée.',
  retry: 'Réessayer l’envoi',
  sendFailed: 'Votre réponse n’a pas pu être envoyée (connexion interrompue ?). Vos réponses sont conservées sur cette page.',
  rateLimited: 'Trop d’envois depuis votre connexion : réessayez dans {seconds} secondes.',
  notFound: 'Questionnaire introuvable.',
  closed: 'Ce questionnaire est clos.',
  tokenUsed: 'Vous avez déjà répondu, merci.',
  tokenInvalid: 'Ce lien de participation n’est pas valide.',
  answersInvalid: 'Certaines réponses ne correspondent pas aux questions posées : rechargez la page et recommencez.',
  unavailable: 'Le questionnaire est momentanément indisponible. Réessayez dans quelques minutes.',
  kioskUnavailable: 'Cette borne n’a pas encore chargé son questionnaire : connectez-la au réseau une première fois.',
  kioskWelcome: 'Donnez-nous votre avis en quelques secondes',
  kioskThanks: 'Merci !',
  kioskThanksText: 'Votre avis compte. La borne est prête pour la personne suivante.',
  kioskAgain: 'Nouvelle réponse',
  fullScreen: 'Plein écran',
  offline: 'hors ligne',
  pending: '{count} réponse en attente',
  pendingMany: '{count} réponses en attente',
  restartSoon: 'Sans action de votre part, la borne recommencera bientôt.',
};

const en: typeof fr = {
  switchLanguage: 'Français',
  switchLanguageLabel: 'Lire cette page en français',
  purposeTitle: 'Before you start: your data',
  loading: 'Loading the survey…',
  sending: 'Sending your answer…',
  thanksTitle: 'Thank you for taking part!',
  thanksText: 'Your answer was recorded.',
  retry: 'Send again',
  sendFailed: 'Your answer could not be sent (connection lost?). Your answers are kept on this page.',
  rateLimited: 'Too many answers from your connection: try again in {seconds} seconds.',
  notFound: 'Survey not found.',
  closed: 'This survey is closed.',
  tokenUsed: 'You already answered, thank you.',
  tokenInvalid: 'This participation link is not valid.',
  answersInvalid: 'Some answers do not fit the questions asked: reload the page and start again.',
  unavailable: 'The survey is unavailable for now. Try again in a few minutes.',
  kioskUnavailable: 'This kiosk has not loaded its survey yet: connect it to the network once.',
  kioskWelcome: 'Give us your opinion in a few seconds',
  kioskThanks: 'Thank you!',
  kioskThanksText: 'Your opinion matters. The kiosk is ready for the next person.',
  kioskAgain: 'New answer',
  fullScreen: 'Full screen',
  offline: 'offline',
  pending: '{count} answer waiting',
  pendingMany: '{count} answers waiting',
  restartSoon: 'Without a touch, the kiosk will start over soon.',
};

export type MessageKey = keyof typeof fr;

export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = (language === 'en' ? en : fr)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** What a coded refusal of the service says to a citizen. */
export function refusalMessage(language: Language, code: string | null, retryAfterSeconds?: number): string {
  switch (code) {
    case 'SURVEY_NOT_FOUND':
    case 'SURVEY_COLLECTOR_NOT_FOUND':
      return translate(language, 'notFound');
    case 'SURVEY_CLOSED':
      return translate(language, 'closed');
    case 'SURVEY_TOKEN_USED':
      return translate(language, 'tokenUsed');
    case 'SURVEY_TOKEN_INVALID':
      return translate(language, 'tokenInvalid');
    case 'SURVEY_ANSWERS_INVALID':
    case 'ID_TAKEN':
      return translate(language, 'answersInvalid');
    case 'RATE_LIMITED':
      return translate(language, 'rateLimited', { seconds: retryAfterSeconds ?? 60 });
    case null:
      return translate(language, 'sendFailed');
    default:
      return translate(language, 'unavailable');
  }
}
