import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyStatus } from '../../../../src-shared/schemas/surveys';

/** The `dot` variant, as the cases' badges: the label carries the meaning, the colour only helps. */
const colors: Record<SurveyStatus, MantineColor> = { draft: 'gray', open: 'green', closed: 'orange', published: 'blue' };

export function SurveyStatusBadge({ status }: { status: SurveyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={colors[status]} tt="none">
      {t(`surveys.status.${status}`)}
    </Badge>
  );
}
