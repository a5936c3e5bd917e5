import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { mayPerform, type PermissionAction } from '../../../src-shared/domain/permissions';
import { useCurrentAgent } from './current-agent';

/**
 * Whether the agent at work may perform the action where it lands (null: the citizen file), read from the
 * permission table the mutators check (src-shared/domain/permissions.ts): a screen offers nothing the
 * replica and the central service would refuse.
 */
export function useMayPerform(action: PermissionAction, departmentId: string | null): boolean {
  return mayPerform(useCurrentAgent(), action, departmentId);
}

/** A screen reached by its address although the agent may not use it: says so instead of a form. */
export function Permitted({
  action,
  departmentId,
  children,
}: {
  action: PermissionAction;
  departmentId: string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (useMayPerform(action, departmentId)) return children;
  return (
    <Alert color="orange" variant="light" role="alert">
      {t('errors.FORBIDDEN')}
    </Alert>
  );
}
