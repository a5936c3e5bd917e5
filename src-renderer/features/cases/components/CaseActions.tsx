import { Button, Group, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleFor } from '../../../../src-shared/domain/case-status';
import type { Case } from '../../../../src-shared/schemas/entities';
import type { CaseAction } from '../../../../src-shared/schemas/procedures';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useTransitionCase } from '../api';
import { TransitionDialog } from './TransitionDialog';

/**
 * The transitions this agent may make now (the server's `actions`), as buttons. An action whose rule
 * needs a comment or an assignee asks for it first; the others apply at once. Either way the status
 * sent is the one on screen, so a case moved meanwhile by someone else is refused, shown, and re-read.
 */
export function CaseActions({ current, actions }: { current: Case; actions: readonly CaseAction[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const transition = useTransitionCase();
  const [dialogAction, setDialogAction] = useState<CaseAction | null>(null);

  const start = (action: CaseAction) => {
    const rule = ruleFor(action);
    if (rule.needsComment || rule.needsAssignee) {
      transition.reset();
      setDialogAction(action);
    } else {
      transition.mutate({ caseId: current.id, action, expectedStatus: current.status });
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {t('caseDetail.actions')}
      </Title>
      {actions.length === 0 ? (
        <Text size="sm">{t('caseDetail.noActions')}</Text>
      ) : (
        <Group gap="sm">
          {actions.map((action) => (
            <Button
              key={action}
              variant={action === 'cancel' || action === 'reject' ? 'default' : 'filled'}
              onClick={() => start(action)}
              loading={transition.isPending && transition.variables?.action === action}
              disabled={transition.isPending}
            >
              {t(`action.${action}`)}
            </Button>
          ))}
        </Group>
      )}
      {transition.isError && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={transition.error} />
        </div>
      )}
      {dialogAction !== null && <TransitionDialog current={current} action={dialogAction} onClose={() => setDialogAction(null)} />}
    </section>
  );
}
