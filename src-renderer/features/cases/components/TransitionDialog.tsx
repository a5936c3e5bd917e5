import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ruleFor, type TransitionRule } from '../../../../src-shared/domain/case-status';
import type { Case } from '../../../../src-shared/schemas/entities';
import type { CaseAction } from '../../../../src-shared/schemas/procedures';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { fieldErrorsFromIssues, fieldIssuesOf } from '../../../shared/errors';
import { useReferenceAgents } from '../../../shared/reference-api';
import { useTransitionCase } from '../api';

export interface TransitionDialogProps {
  current: Case;
  action: CaseAction;
  onClose: () => void;
}

/** Asks what the rule needs (a comment, an assignee) before applying an action; keeps it on refusal. */
export function TransitionDialog({ current, action, onClose }: TransitionDialogProps) {
  const { t } = useTranslation();
  const rule = ruleFor(action);
  const transition = useTransitionCase();
  const agents = useReferenceAgents();
  // The status the agent saw when choosing the action: a change meanwhile must be refused, not absorbed.
  const [expectedStatus] = useState(current.status);
  const [comment, setComment] = useState('');
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const candidates = (agents.data ?? [])
    .filter((agent) => agent.roles.some((role) => role.departmentId === current.departmentId))
    .map((agent) => ({ value: agent.id, label: agent.name }));
  const serverErrors = fieldErrorsFromIssues(fieldIssuesOf(transition.error), t);
  const errors = { ...serverErrors, ...localErrors };

  const confirm = () => {
    const missing: Record<string, string> = {};
    if (rule.needsComment && comment.trim() === '') missing.comment = t('fieldErrors.required');
    if (rule.needsAssignee && assigneeId === null) missing.assigneeId = t('fieldErrors.required');
    setLocalErrors(missing);
    if (Object.keys(missing).length > 0) return;
    transition.mutate(
      { caseId: current.id, action, expectedStatus, assigneeId, comment: rule.needsComment ? comment : null },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t(`action.${action}`)} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <TransitionFields
          rule={rule}
          candidates={candidates}
          assigneeId={assigneeId}
          onAssigneeChange={setAssigneeId}
          comment={comment}
          onCommentChange={setComment}
          errors={errors}
        />
        {transition.isError && <ErrorAlert error={transition.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={confirm} loading={transition.isPending}>
            {t(`action.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface TransitionFieldsProps {
  rule: TransitionRule;
  candidates: { value: string; label: string }[];
  assigneeId: string | null;
  onAssigneeChange: (agentId: string | null) => void;
  comment: string;
  onCommentChange: (comment: string) => void;
  errors: Record<string, string>;
}

function TransitionFields({ rule, candidates, assigneeId, onAssigneeChange, comment, onCommentChange, errors }: TransitionFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      {rule.needsAssignee && (
        <Select
          label={t('caseDetail.assignTo')}
          data={candidates}
          value={assigneeId}
          onChange={onAssigneeChange}
          searchable
          openOnFocus={false}
          required
          error={errors.assigneeId}
          nothingFoundMessage={t('search.noResults')}
          data-autofocus
        />
      )}
      {rule.needsComment && (
        <Textarea
          label={t('caseDetail.comment')}
          description={t('caseDetail.commentHint')}
          value={comment}
          onChange={(event) => onCommentChange(event.currentTarget.value)}
          required
          autosize
          minRows={3}
          error={errors.comment}
          data-autofocus
        />
      )}
    </>
  );
}
