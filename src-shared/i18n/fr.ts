import type { ErrorCode } from '../errors/catalogue';
import type { CaseKind, CaseStatus, Certification, Channel, DeadlineKind, Priority, Role } from '../schemas/common';
import type { CaseEventType } from '../schemas/entities';
import type { CaseAction } from '../schemas/procedures';
import type { SimilarityReason } from '../domain/similarity';

/**
 * French messages, the workspace's default language, in the GLOSSARY's words. One nested object per
 * namespace so screens can add theirs (`cases: {…}`, `citizens: {…}`) next to these. The `satisfies`
 * clauses make the compiler refuse a missing code, status or action.
 *
 * Error messages read the catalogue's arguments through i18next interpolation; `$t(status.{{from}})`
 * nests the translated label of a code argument. Identifiers (UUIDs) are not shown to agents.
 */
const errors = {
  VALIDATION_FAILED: 'Certains champs sont à corriger.',
  NO_AGENT_SELECTED: 'Aucun agent sélectionné : choisissez votre profil pour continuer.',
  AGENT_NOT_FOUND: 'Agent introuvable.',
  CITIZEN_NOT_FOUND: 'Usager introuvable : la fiche a peut-être été supprimée ou anonymisée.',
  CITIZEN_MERGED: 'Cette fiche usager a été fusionnée avec une autre : ouvrez la fiche conservée.',
  CATEGORY_NOT_FOUND: 'Nature de la demande introuvable.',
  CASE_NOT_FOUND: 'Demande introuvable.',
  TRACKING_CODE_INVALID: "« {{code}} » n'est pas un numéro de suivi valide.",
  TRANSITION_NOT_ALLOWED: 'Action « $t(action.{{action}}) » impossible : la demande est au statut « $t(status.{{from}}) ».',
  TRANSITION_FORBIDDEN: "Votre rôle dans ce service ({{role}}) ne permet pas l'action « $t(action.{{action}}) ».",
  STATUS_CHANGED:
    'La demande a changé de statut entre-temps (« $t(status.{{expected}}) » attendu, « $t(status.{{actual}}) » à présent). Vérifiez-la avant de recommencer.',
  VERSION_CONFLICT:
    "Quelqu'un a modifié cette fiche entre-temps (version {{expected}} attendue, version {{actual}} à présent). Rechargez-la avant de recommencer.",
  ASSIGNEE_REQUIRED: "Choisissez l'agent à qui affecter la demande.",
  ASSIGNEE_NOT_IN_DEPARTMENT: 'Cet agent ne fait pas partie du service de la demande.',
  NOT_A_MEMBER: 'Vous ne faites pas partie de ce service.',
  DEPARTMENT_CHANGED: 'La demande a déjà été transférée à un autre service.',
  ID_TAKEN: 'Cet enregistrement porte un identifiant ou un numéro de suivi déjà attribué : il a été refusé. Saisissez-le à nouveau.',
  FIRST_SYNC_IN_PROGRESS: 'La première synchronisation est en cours : réessayez dès qu’elle est terminée.',
  MUTATION_GAP: 'Synchronisation interrompue : la modification n° {{expected}} était attendue, la n° {{received}} est arrivée.',
  UNKNOWN_MUTATION: 'Opération inconnue : {{name}}.',
  REPLICA_MIGRATION_DIVERGED:
    'La base locale ne correspond pas à cette version de Guichet ({{detail}}). Contactez le support informatique.',
  REPLICA_KEY_INVALID: 'La clé de la base locale est invalide : contactez le support informatique.',
  ACCESS_DENIED: 'Accès refusé : votre session a expiré, reconnectez-vous.',
  SIGN_IN_FAILED: 'Adresse de courriel ou mot de passe incorrect.',
  SIGN_IN_THROTTLED: 'Trop de tentatives de connexion : réessayez dans {{retryAfterSeconds}} secondes.',
  SESSION_EXPIRED: 'Votre session a expiré, reconnectez-vous.',
  PAYLOAD_TOO_LARGE: "L'envoi dépasse la taille maximale acceptée par le service central.",
  MALFORMED_REQUEST: 'Le service central a reçu une requête invalide. Si le problème persiste, contactez le support informatique.',
  RESOURCE_NOT_FOUND: 'Introuvable sur le service central.',
  RANGE_NOT_SATISFIABLE: 'La portion de fichier demandée est hors limites.',
  CENTRAL_MIGRATION_DIVERGED:
    'La base du service central ne correspond pas à cette version de Guichet ({{detail}}). Contactez le support informatique.',
  DEPARTMENT_NOT_FOUND: 'Service « {{code}} » introuvable.',
  AGENT_EMAIL_TAKEN: "Un agent utilise déjà l'adresse {{email}}.",
  INTERNAL: "Une erreur inattendue s'est produite. Référence à communiquer au support : {{reference}}.",
  CONTENT_REFUSED:
    'Le service central n’a pas pu enregistrer ce contenu (caractères ou taille non acceptés) : la modification a été refusée. Saisissez-la à nouveau.',
  FORBIDDEN: 'Vos rôles ne vous permettent pas cette opération.',
  RATE_LIMITED: "Trop d'envois en peu de temps : les modifications partiront dans {{retryAfterSeconds}} secondes.",
  REPLICA_DAMAGED:
    'Copie locale endommagée : elle a été mise de côté ({{file}}) et reconstruite depuis le service central. Les modifications en attente lisibles ont été reprises.',
  REPLICA_DAMAGED_RESTART:
    'Copie locale endommagée : redémarrez Guichet pour la reconstruire depuis le service central. Les modifications en attente lisibles seront reprises.',
  SIGN_IN_REQUIRED: 'Connectez-vous avec votre adresse de courriel et votre mot de passe pour continuer.',
  SURVEY_FILE_UNREADABLE: "Ce fichier n'est pas un questionnaire SurveyJS : il ne contient pas de JSON lisible.",
  SURVEY_DEFINITION_INVALID: 'Ce questionnaire ne respecte pas le format SurveyJS (à « {{path}} » : {{reason}}).',
  SURVEY_QUESTION_NAME_TAKEN: 'Deux questions portent le nom « {{name}} » : chaque question doit avoir le sien.',
  SURVEY_CONDITION_INVALID:
    'La question « {{question}} » dépend de « {{target}} », qui doit être une question à choix, une note, un nombre ou un oui/non posée avant elle.',
  SURVEY_CHOICE_VALUE_INVALID:
    'Dans « {{question}} », chaque choix doit avoir une valeur, différente des autres (« {{value}} » est vide ou répétée).',
  SURVEY_NOT_FOUND: 'Ce questionnaire est introuvable.',
  SURVEY_LOCKED:
    'Ce questionnaire est {{status}} : « {{field}} » ne peut plus être modifié (les questions sont figées dès l’ouverture, tout l’est une fois les résultats publiés).',
  SURVEY_NOT_OPEN: 'Ce questionnaire n’est pas ouvert (statut : {{status}}) : il ne reçoit pas de réponse.',
  SURVEY_NO_QUESTION: 'Un questionnaire sans question ne peut pas être ouvert.',
  SURVEY_ANSWERS_INVALID: 'Certaines réponses ne correspondent pas aux questions posées.',
  SURVEY_COLLECTOR_NOT_FOUND: 'Ce point de collecte est introuvable.',
  SURVEY_COLLECTOR_CHANGED: 'Ce point de collecte a été modifié entre-temps : rechargez-le avant de l’enregistrer.',
  SURVEY_COLLECTOR_LOCKED:
    'Cette campagne a commencé : son public ne peut plus changer. Pour écrire à d’autres usagers, créez une nouvelle campagne.',
  SURVEY_COLLECTOR_INVALID: 'Un point de collecte « {{kind}} » ne peut pas prendre le statut « {{status}} ».',
  SURVEY_CATEGORY_OUTSIDE_DEPARTMENT: 'Cette catégorie n’appartient pas au service du questionnaire.',
  CASE_NOT_FEEDBACK: 'Ce dossier n’est pas un avis : les thèmes se posent sur les avis seulement.',
  SURVEY_CLOSED: 'Ce questionnaire est clos : il ne reçoit plus de réponses.',
  SURVEY_TOKEN_INVALID: "Ce lien de participation n'est pas valide.",
  SURVEY_TOKEN_USED: 'Vous avez déjà répondu avec ce lien, merci.',
} as const satisfies Record<ErrorCode, string>;

/** Issue codes a form field can show (zod's codes, plus the `params.code` of our custom checks). */
const fieldErrors = {
  required: 'Champ obligatoire.',
  too_small: 'Trop court (minimum {{minimum}}).',
  too_big: 'Trop long (maximum {{maximum}}).',
  invalid_format: 'Format invalide.',
  invalid_type: 'Valeur manquante ou invalide.',
  invalid_value: 'Choisissez une valeur de la liste.',
  email: 'Adresse de courriel invalide.',
  phone: 'Numéro de téléphone invalide (exemple : 06 12 34 56 78).',
  postal_code: 'Code postal invalide (5 chiffres).',
  birth_date: 'Date de naissance invalide.',
  custom: 'Valeur invalide.',
  same_department: 'Choisissez une nature d’un autre service.',
  invalid_text: 'Ce texte contient des caractères invisibles non acceptés : retapez-le.',
  too_deep: 'Données trop imbriquées (maximum {{maximum}} niveaux).',
  survey_questions: 'Trop de questions (maximum {{maximum}}).',
} as const;

const status = {
  new: 'Nouvelle',
  qualified: 'Qualifiée',
  assigned: 'Affectée',
  in_progress: 'En cours',
  waiting_citizen: "En attente de l'usager",
  resolved: 'Résolue',
  closed: 'Clôturée',
  rejected: 'Rejetée',
  cancelled: 'Annulée',
  merged: 'Fusionnée',
} as const satisfies Record<CaseStatus, string>;

const action = {
  qualify: 'Qualifier',
  assign: 'Affecter',
  take: 'Prendre en charge',
  start: 'Démarrer',
  wait_citizen: "Mettre en attente de l'usager",
  resume: 'Reprendre',
  resolve: 'Résoudre',
  close: 'Clôturer',
  reopen: 'Rouvrir',
  reject: 'Rejeter',
  cancel: 'Annuler la demande',
} as const satisfies Record<CaseAction, string>;

const channel = {
  counter: 'Accueil physique',
  phone: 'Téléphone',
  email: 'Courriel',
  mail: 'Courrier',
  web: 'Formulaire web',
  app: 'Application mobile',
  kiosk: 'Borne',
  open311: 'Open311',
  field: 'Terrain',
} as const satisfies Record<Channel, string>;

const priority = {
  low: 'Basse',
  normal: 'Normale',
  high: 'Haute',
  urgent: 'Urgente',
} as const satisfies Record<Priority, string>;

const role = {
  counter: "Agent d'accueil",
  field: 'Agent de terrain',
  supervisor: 'Responsable de service',
  admin: 'Administrateur',
} as const satisfies Record<Role, string>;

const kind = {
  request: 'Demande',
  report: 'Signalement',
  feedback: 'Avis',
  complaint: 'Réclamation',
} as const satisfies Record<CaseKind, string>;

const eventType = {
  created: 'Création',
  updated: 'Modification',
  status_changed: 'Changement de statut',
  assigned: 'Affectation',
  transferred: 'Transfert',
  internal_note: 'Note interne',
  public_reply: "Réponse à l'usager",
  attachment: 'Pièce jointe',
  merged: 'Fusion',
  deadline_paused: 'Délai suspendu',
  deadline_resumed: 'Délai repris',
  notification_sent: 'Notification envoyée',
} as const satisfies Record<CaseEventType, string>;

const certification = {
  declared: 'Déclarée',
  checked: 'Vérifiée par courriel ou SMS',
  counter_id: "Pièce d'identité vue à l'accueil",
  franceconnect: 'FranceConnect',
} as const satisfies Record<Certification, string>;

/** Follows a number: "10 jours ouvrés". */
const deadlineKind = {
  working: 'jours ouvrés',
  calendar: 'jours calendaires',
} as const satisfies Record<DeadlineKind, string>;

const similarityReason = {
  email: 'Même adresse de courriel',
  phone: 'Même numéro de téléphone',
  name_birthdate: 'Mêmes nom, prénom et date de naissance',
} as const satisfies Record<SimilarityReason, string>;

export const fr = {
  errors,
  fieldErrors,
  status,
  action,
  channel,
  priority,
  role,
  kind,
  eventType,
  certification,
  deadlineKind,
  similarityReason,
} as const;

/** Same shape as `T`, every leaf widened to `string`: what another language must provide. */
export type DeepStringRecord<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : DeepStringRecord<T[K]>;
};

export type Messages = DeepStringRecord<typeof fr>;
