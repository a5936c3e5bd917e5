import type { Condition, ConditionOperator, ConditionValue, ShowIf } from './model';

/**
 * "Show if" conditions ⇄ SurveyJS `visibleIf` expressions. The designer reads one comparison of one
 * question's answer (`{q} = 'a'`, `{q} anyof ['a', 'b']`, `{q} contains 'x'`, `{q} >= 9`); anything else
 * (`and`, `or`, functions, a matrix cell) stays a raw expression, shown and written back unchanged.
 */

const operatorTokens: Record<string, ConditionOperator> = {
  '=': 'equals',
  '==': 'equals',
  '!=': 'notEquals',
  '<>': 'notEquals',
  anyof: 'anyOf',
  contains: 'contains',
  '>=': 'atLeast',
  '<=': 'atMost',
};

const printedOperator: Record<ConditionOperator, string> = {
  equals: '=',
  notEquals: '!=',
  anyOf: 'anyof',
  contains: 'contains',
  atLeast: '>=',
  atMost: '<=',
};

const expressionPattern = /^\s*\{([^{}.[\]]+)\}\s*(==|=|!=|<>|>=|<=|anyof|contains)\s*(.+?)\s*$/i;
const stringLiteral = /^'([^'"\\]*)'$|^"([^'"\\]*)"$/;
const numberLiteral = /^-?\d+(\.\d+)?$/;

function parseScalar(token: string): string | number | boolean | null {
  const text = stringLiteral.exec(token);
  if (text) return text[1] ?? text[2] ?? '';
  if (numberLiteral.test(token)) return Number(token);
  if (/^true$/i.test(token)) return true;
  if (/^false$/i.test(token)) return false;
  return null;
}

function parseValue(token: string): ConditionValue | null {
  if (!token.startsWith('[')) return parseScalar(token);
  if (!token.endsWith(']')) return null;
  const items = token
    .slice(1, -1)
    .split(',')
    .map((item) => parseScalar(item.trim()));
  return items.every((item): item is string | number => typeof item === 'string' || typeof item === 'number') ? items : null;
}

function fits(operator: ConditionOperator, value: ConditionValue): boolean {
  if (operator === 'anyOf') return Array.isArray(value) && value.length > 0;
  if (Array.isArray(value)) return false;
  if (operator === 'atLeast' || operator === 'atMost') return typeof value === 'number';
  return true;
}

/** A `visibleIf` expression as the designer reads it; absent or blank: no condition. */
export function parseCondition(source: string | undefined): ShowIf {
  if (source === undefined || source.trim() === '') return null;
  const match = expressionPattern.exec(source);
  const operator = match ? operatorTokens[(match[2] as string).toLowerCase()] : undefined;
  const value = match ? parseValue(match[3] as string) : null;
  if (!match || operator === undefined || value === null || !fits(operator, value)) return { kind: 'expression', source };
  return { kind: 'answer', question: (match[1] as string).trim(), operator, value, source };
}

function printScalar(value: string | number | boolean): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

export function printCondition(condition: Condition): string {
  const { question, operator, value } = condition;
  const printed = Array.isArray(value) ? `[${value.map(printScalar).join(', ')}]` : printScalar(value);
  return `{${question}} ${printedOperator[operator]} ${printed}`;
}

/** The expression to write: an unchanged imported condition as it came, an edited one printed. */
export function exportCondition(showIf: ShowIf): string | undefined {
  if (showIf === null) return undefined;
  if (showIf.kind === 'expression') return showIf.source;
  return showIf.source ?? printCondition(showIf);
}

/** Whether a text value can be written in an expression (a quote or a backslash cannot). */
export function isPrintableText(value: string): boolean {
  return !/['"\\]/.test(value);
}
