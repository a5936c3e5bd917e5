import type { TFunction } from 'i18next';
import { isErrorPayload } from '../../../src-shared/errors';
import { isMutationName } from '../../../src-shared/mutations/definitions';
import { payloadMessage } from '../../shared/errors';
import type { RefusedChange } from './api';
import { describeMutation, type Lookups, type RefusalTarget, type ValueRow } from './mutation-describers';

export type { Lookups, RefusalTarget, ValueRow } from './mutation-describers';

export interface RefusalView {
  title: string;
  reason: string;
  /** null: the stored values could not be read by this version (they are still offered to copy, raw). */
  rows: ValueRow[] | null;
  copyText: string;
  target: RefusalTarget;
}

function reasonOf(error: RefusedChange['error'], t: TFunction): string {
  return isErrorPayload(error) ? payloadMessage(t, error) : t('inbox.unknownReason', { code: String(error.code) });
}

/**
 * One refused change as the agent reads it: what it was, why it was refused, the values entered (in
 * words, not codes) and the text to copy.
 */
export function describeRefusal(entry: RefusedChange, t: TFunction, language: string, lookups: Lookups): RefusalView {
  const reason = reasonOf(entry.error, t);
  const described = isMutationName(entry.name) ? describeMutation(entry.name, entry.args, { t, language, lookups }) : null;
  if (described === null) {
    return {
      title: t('inbox.kind.unknown', { name: entry.name }),
      reason,
      rows: null,
      copyText: JSON.stringify(entry.args, null, 2),
      target: { kind: 'unknown' },
    };
  }
  const typedTexts = described.rows.filter((row) => row.typed === true).map((row) => row.value);
  return { ...described, reason, copyText: described.copyText ?? typedTexts.join('\n\n') };
}
