import { Card, Rating, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/format';
import { useCaseFeedback } from '../api';

/**
 * "Avis du citoyen": what the citizen answered about this case (the invitation sent when it closed, or an
 * opinion entered at the desk). Nothing shows while there is none.
 */
export function CaseFeedbackPanel({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const feedback = useCaseFeedback(caseId);
  const language = i18n.language === 'en' ? 'en' : 'fr';
  if (feedback.data === undefined || feedback.data.length === 0) return null;
  return (
    <section aria-label={t('surveys.feedback.title')}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('surveys.feedback.title')}
        </Title>
        {feedback.data.map((response) => (
          <Card key={response.id} withBorder>
            <Stack gap="xs">
              <Text fw={600}>{response.surveyTitle[language] || response.surveyTitle.fr}</Text>
              <Text size="sm" c="dimmed">
                {t('surveys.feedback.received', {
                  date: formatDateTime(response.submittedAt, i18n.language),
                  channel: t(`surveys.entry.channels.${response.channel}`, { defaultValue: response.channel }),
                })}
              </Text>
              {response.items.map((item) => (
                <div key={item.name}>
                  <Text size="sm" fw={500}>
                    {item.title[language]}
                  </Text>
                  {item.score !== null && item.kind === 'rating' ? (
                    <Rating
                      value={item.score.value}
                      count={item.score.max}
                      readOnly
                      aria-label={t('surveys.feedback.score', { value: item.score.value, max: item.score.max })}
                    />
                  ) : item.score !== null ? (
                    <Text size="sm">{t('surveys.feedback.score', { value: item.score.value, max: item.score.max })}</Text>
                  ) : (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {item.text[language]}
                    </Text>
                  )}
                </div>
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
    </section>
  );
}
