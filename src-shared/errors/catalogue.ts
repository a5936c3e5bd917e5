/**
 * The one error catalogue: every error the workspace can show has a stable code, a transport
 * status and typed arguments. The renderer translates the code (see src-shared/i18n).
 */
export type ErrorStatus = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'internal';

export interface FieldIssue {
  path: string;
  code: string;
  params?: Record<string, string | number> | undefined;
}

/** Code → arguments. Adding a code here forces a status and a message in each language. */
export interface ErrorArgs {
  VALIDATION_FAILED: { issues: FieldIssue[] };
  NO_AGENT_SELECTED: Record<string, never>;
  AGENT_NOT_FOUND: { agentId: string };
  CITIZEN_NOT_FOUND: { citizenId: string };
  CITIZEN_MERGED: { citizenId: string; mergedInto: string };
  CATEGORY_NOT_FOUND: { categoryId: string };
  CASE_NOT_FOUND: { caseId: string };
  TRACKING_CODE_INVALID: { code: string };
  TRANSITION_NOT_ALLOWED: { from: string; action: string };
  TRANSITION_FORBIDDEN: { action: string; role: string };
  STATUS_CHANGED: { expected: string; actual: string };
  VERSION_CONFLICT: { entity: string; expected: number; actual: number };
  ASSIGNEE_REQUIRED: Record<string, never>;
  ASSIGNEE_NOT_IN_DEPARTMENT: { agentId: string; departmentId: string };
  /** No longer sent (FORBIDDEN replaced it); kept so refusals recorded before still read. */
  NOT_A_MEMBER: { departmentId: string };
  UNKNOWN_MUTATION: { name: string };
  MUTATION_GAP: { expected: number; received: number };
  DEPARTMENT_CHANGED: { expected: string; actual: string };
  FIRST_SYNC_IN_PROGRESS: Record<string, never>;
  ID_TAKEN: Record<string, never>;
  REPLICA_MIGRATION_DIVERGED: { detail: string };
  REPLICA_KEY_INVALID: Record<string, never>;
  ACCESS_DENIED: Record<string, never>;
  SIGN_IN_FAILED: Record<string, never>;
  SIGN_IN_THROTTLED: { retryAfterSeconds: number };
  SESSION_EXPIRED: Record<string, never>;
  PAYLOAD_TOO_LARGE: { limitBytes: number };
  MALFORMED_REQUEST: { reason: string };
  RESOURCE_NOT_FOUND: Record<string, never>;
  RANGE_NOT_SATISFIABLE: { size: number };
  CENTRAL_MIGRATION_DIVERGED: { detail: string };
  DEPARTMENT_NOT_FOUND: { code: string };
  AGENT_EMAIL_TAKEN: { email: string };
  INTERNAL: { reference: string };
  CONTENT_REFUSED: Record<string, never>;
  /** The agent's roles do not allow the action: names the action only, never a field of the row. */
  FORBIDDEN: { action: string };
  RATE_LIMITED: { retryAfterSeconds: number };
  REPLICA_DAMAGED: { file: string };
  /** Damage met while the workspace runs: the replica takes no more writes until a restart rebuilds it. */
  REPLICA_DAMAGED_RESTART: Record<string, never>;
  SIGN_IN_REQUIRED: Record<string, never>;
  /** A file offered as a survey definition that is not JSON. */
  SURVEY_FILE_UNREADABLE: Record<string, never>;
  /** A survey definition that breaks SurveyJS's schema: where (a JSON pointer) and the schema keyword. */
  SURVEY_DEFINITION_INVALID: { path: string; reason: string };
  SURVEY_QUESTION_NAME_TAKEN: { name: string };
  /** A "show if" reading an answer not asked before the question, or one it cannot compare. */
  SURVEY_CONDITION_INVALID: { question: string; target: string };
  /** A choice, matrix row or column without a value, or with one another item of the list holds. */
  SURVEY_CHOICE_VALUE_INVALID: { question: string; value: string };
  /** A survey that does not exist, is not the agent's department's, or (on a public page) is not open to answers: nothing more is said. */
  SURVEY_NOT_FOUND: { surveyId: string };
  /** The survey no longer takes answers on its public pages (closed, published, or outside its dates). */
  SURVEY_CLOSED: Record<string, never>;
  /** An emailed link's token that matches no invitation of this survey. */
  SURVEY_TOKEN_INVALID: Record<string, never>;
  /** An emailed link already used to answer: each invitation counts once. */
  SURVEY_TOKEN_USED: Record<string, never>;
  /** What the survey's status no longer lets change: the questions once opened, everything once published. */
  SURVEY_LOCKED: { status: string; field: string };
  /** Answers are taken while a survey is open only (and a campaign starts only then). */
  SURVEY_NOT_OPEN: { status: string };
  /** A survey opened without a single question. */
  SURVEY_NO_QUESTION: Record<string, never>;
  /** Answers that do not fit the survey's questions: checkAnswers' problems, by question name (20 at most). */
  SURVEY_ANSWERS_INVALID: { problems: { code: string; question: string }[] };
  /** A collector (campaign, kiosk, meeting) that does not exist or is not one of the survey's. */
  SURVEY_COLLECTOR_NOT_FOUND: { collectorId: string };
  /** A collector edited after someone else changed it (compare-and-set on `updatedAt`). */
  SURVEY_COLLECTOR_CHANGED: { expected: string; actual: string };
  SURVEY_COLLECTOR_LOCKED: { field: string };
  /** A collector status an agent cannot set for its kind (a kiosk never `sending`), or a change of kind. */
  SURVEY_COLLECTOR_INVALID: { kind: string; status: string };
  /** An after-a-case rule names a category of another department than the survey's. */
  SURVEY_CATEGORY_OUTSIDE_DEPARTMENT: { categoryId: string };
  /** Themes are filed on feedback (cases of kind `feedback`) only. */
  CASE_NOT_FEEDBACK: { caseId: string };
}

export type ErrorCode = keyof ErrorArgs;

export const errorStatus: { [C in ErrorCode]: ErrorStatus } = {
  VALIDATION_FAILED: 'bad_request',
  NO_AGENT_SELECTED: 'unauthorized',
  AGENT_NOT_FOUND: 'not_found',
  CITIZEN_NOT_FOUND: 'not_found',
  CITIZEN_MERGED: 'conflict',
  CATEGORY_NOT_FOUND: 'not_found',
  CASE_NOT_FOUND: 'not_found',
  TRACKING_CODE_INVALID: 'bad_request',
  TRANSITION_NOT_ALLOWED: 'conflict',
  TRANSITION_FORBIDDEN: 'forbidden',
  STATUS_CHANGED: 'conflict',
  VERSION_CONFLICT: 'conflict',
  ASSIGNEE_REQUIRED: 'bad_request',
  ASSIGNEE_NOT_IN_DEPARTMENT: 'bad_request',
  NOT_A_MEMBER: 'forbidden',
  UNKNOWN_MUTATION: 'bad_request',
  MUTATION_GAP: 'bad_request',
  DEPARTMENT_CHANGED: 'conflict',
  FIRST_SYNC_IN_PROGRESS: 'conflict',
  ID_TAKEN: 'bad_request',
  REPLICA_MIGRATION_DIVERGED: 'internal',
  REPLICA_KEY_INVALID: 'internal',
  ACCESS_DENIED: 'unauthorized',
  SIGN_IN_FAILED: 'unauthorized',
  // The central service answers these two with a more precise HTTP status (429, 413): src-central/http/errors.ts.
  SIGN_IN_THROTTLED: 'unauthorized',
  SESSION_EXPIRED: 'unauthorized',
  PAYLOAD_TOO_LARGE: 'bad_request',
  MALFORMED_REQUEST: 'bad_request',
  RESOURCE_NOT_FOUND: 'not_found',
  RANGE_NOT_SATISFIABLE: 'bad_request',
  CENTRAL_MIGRATION_DIVERGED: 'internal',
  DEPARTMENT_NOT_FOUND: 'not_found',
  AGENT_EMAIL_TAKEN: 'conflict',
  INTERNAL: 'internal',
  // The database could not store what a pushed mutation holds: that mutation is refused, the queue moves on.
  CONTENT_REFUSED: 'bad_request',
  FORBIDDEN: 'forbidden',
  // Answered 429 with Retry-After (src-central/http/errors.ts): a transient refusal, the workspace waits and resends.
  RATE_LIMITED: 'conflict',
  REPLICA_DAMAGED: 'internal',
  REPLICA_DAMAGED_RESTART: 'internal',
  SIGN_IN_REQUIRED: 'unauthorized',
  SURVEY_FILE_UNREADABLE: 'bad_request',
  SURVEY_DEFINITION_INVALID: 'bad_request',
  SURVEY_QUESTION_NAME_TAKEN: 'bad_request',
  SURVEY_CONDITION_INVALID: 'bad_request',
  SURVEY_CHOICE_VALUE_INVALID: 'bad_request',
  SURVEY_NOT_FOUND: 'not_found',
  SURVEY_CLOSED: 'conflict',
  SURVEY_TOKEN_INVALID: 'bad_request',
  SURVEY_TOKEN_USED: 'conflict',
  SURVEY_LOCKED: 'conflict',
  SURVEY_NOT_OPEN: 'conflict',
  SURVEY_NO_QUESTION: 'bad_request',
  SURVEY_ANSWERS_INVALID: 'bad_request',
  SURVEY_COLLECTOR_NOT_FOUND: 'not_found',
  SURVEY_COLLECTOR_CHANGED: 'conflict',
  SURVEY_COLLECTOR_LOCKED: 'conflict',
  SURVEY_COLLECTOR_INVALID: 'bad_request',
  SURVEY_CATEGORY_OUTSIDE_DEPARTMENT: 'bad_request',
  CASE_NOT_FEEDBACK: 'conflict',
};

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** The serialisable shape an error travels in (tRPC `data.guichet`, HTTP bodies, sync outcomes). */
export interface ErrorPayload<C extends ErrorCode = ErrorCode> {
  code: C;
  args: ErrorArgs[C];
}

export class GuichetError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly args: ErrorArgs[C];

  constructor(code: C, args: ErrorArgs[C], options?: { cause?: unknown }) {
    super(`${code} ${JSON.stringify(args)}`, options);
    this.name = 'GuichetError';
    this.code = code;
    this.args = args;
  }

  get status(): ErrorStatus {
    return errorStatus[this.code];
  }

  toPayload(): ErrorPayload<C> {
    return { code: this.code, args: this.args };
  }
}

/** Builds an error without spelling empty arguments: `fail('ACCESS_DENIED')`. */
export function fail<C extends ErrorCode>(
  code: C,
  ...args: ErrorArgs[C] extends Record<string, never> ? [] : [ErrorArgs[C]]
): GuichetError<C> {
  return new GuichetError(code, (args[0] ?? {}) as ErrorArgs[C]);
}

export function isGuichetError(value: unknown): value is GuichetError {
  return value instanceof GuichetError;
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (value as { code: string }).code in errorStatus
  );
}
