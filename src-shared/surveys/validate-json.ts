import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { fail, type GuichetError } from '../errors';
import { surveyjsDefinition } from './surveyjs-definition';

/**
 * Validation of a SurveyJS definition against the JSON schema survey-core ships (a copy made by scripts/copy-survey-schema.mjs, held equal to
 * node_modules/survey-core/surveyjs_definition.json by tests/unit/survey-schema.test.ts).
 *
 * Ajv compiles a schema into code run through `new Function`, which the workspace page's
 * Content-Security-Policy forbids (no 'unsafe-eval'): this module runs where definitions are stored (the
 * main core, the central service) and in tests, never in the renderer (docs/surveys.md).
 */

let compiled: ValidateFunction | null = null;

/** Compiled on first use (about a second), then reused. */
function validator(): ValidateFunction {
  // The schema uses SurveyJS's own keywords loosely (enums of booleans typed as strings): strict mode off.
  compiled ??= new Ajv({ strict: false, allErrors: false }).compile(surveyjsDefinition);
  return compiled;
}

function reasonOf(error: ErrorObject): string {
  return error.keyword;
}

/** The first way the definition breaks the schema, as a catalogue error; null when it holds. */
export function surveySchemaProblem(json: unknown): GuichetError<'SURVEY_DEFINITION_INVALID'> | null {
  const validate = validator();
  if (validate(json)) return null;
  const first = validate.errors?.[0];
  return fail('SURVEY_DEFINITION_INVALID', { path: first?.instancePath ?? '', reason: first ? reasonOf(first) : 'schema' });
}

/** Throws SURVEY_DEFINITION_INVALID when the definition breaks survey-core's schema. */
export function validateSurveyJson(json: unknown): void {
  const problem = surveySchemaProblem(json);
  if (problem) throw problem;
}
