import { useEffect, useMemo, useRef, useState } from 'react';
import { Survey } from 'survey-react-ui';
import { publicPaths } from '../src-shared/http/public-paths';
import { loadJson, newAnswerId, sendAnswer, type AnswerBody, type PublicSurvey } from './api';
import { refusalMessage, translate, type Language } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { surveyModel, surveyTitle } from './survey-model';

type Sending = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done' } | { kind: 'failed'; message: string; final: boolean };

/**
 * A survey's public page (`/s/:id`, from a link, a QR code or an email): the purpose statement first, then
 * the questions; the answer is sent once, with an id made here, so "send again" after a lost connection never
 * counts twice.
 */
export function SurveyPage({
  surveyId,
  token,
  collectorId,
  language,
  onLanguage,
}: {
  surveyId: string;
  token: string | null;
  collectorId: string | null;
  language: Language;
  onLanguage: (language: Language) => void;
}) {
  const [survey, setSurvey] = useState<PublicSurvey | { error: string } | null>(null);
  const [sending, setSending] = useState<Sending>({ kind: 'idle' });
  const answer = useRef<AnswerBody | null>(null);

  useEffect(() => {
    void loadJson<PublicSurvey>(publicPaths.surveyApi(surveyId)).then((loaded) =>
      setSurvey(loaded.kind === 'ok' ? loaded.value : { error: loaded.kind === 'offline' ? 'OFFLINE' : loaded.code }),
    );
  }, [surveyId]);

  const definition = survey !== null && !('error' in survey) ? survey.definition : null;
  const model = useMemo(() => (definition === null ? null : surveyModel(definition, 'fr', 'page')), [definition]);
  useEffect(() => {
    if (model !== null) model.locale = language;
  }, [model, language]);

  const send = async () => {
    const body = answer.current;
    if (body === null) return;
    setSending({ kind: 'sending' });
    const outcome = await sendAnswer(surveyId, body);
    if (outcome.kind === 'ok') setSending({ kind: 'done' });
    else if (outcome.kind === 'refused') setSending({ kind: 'failed', message: refusalMessage(language, outcome.code), final: true });
    else
      setSending({ kind: 'failed', message: refusalMessage(language, outcome.code, outcome.retryAfterSeconds ?? undefined), final: false });
  };

  useEffect(() => {
    if (model === null) return;
    const complete = () => {
      answer.current = {
        id: newAnswerId(),
        answers: model.data as Record<string, unknown>,
        channel: token !== null ? 'email' : 'link',
        ...(collectorId === null ? {} : { collectorId }),
        ...(token === null ? {} : { token }),
      };
      void send();
    };
    model.onComplete.add(complete);
    return () => model.onComplete.remove(complete);
  });

  useEffect(() => {
    document
      .getElementById('root')
      ?.setAttribute(
        'data-state',
        survey === null ? 'loading' : 'error' in survey ? 'refused' : sending.kind === 'done' ? 'sent' : 'ready',
      );
  }, [survey, sending]);

  const title = definition === null ? null : surveyTitle(definition, language);
  return (
    <div className="page">
      <header className="page-header">
        <LanguageSwitch language={language} onChange={onLanguage} />
      </header>
      <main className="page-main" aria-busy={survey === null}>
        {survey === null && <p role="status">{translate(language, 'loading')}</p>}
        {survey !== null && 'error' in survey && (
          <>
            <h1>{refusalMessage(language, survey.error === 'OFFLINE' ? 'UNAVAILABLE' : survey.error)}</h1>
          </>
        )}
        {survey !== null && !('error' in survey) && model !== null && (
          <>
            <h1>{title ?? translate(language, 'purposeTitle')}</h1>
            {sending.kind !== 'done' && (
              <section className="purpose" aria-labelledby="purpose-title">
                <h2 id="purpose-title">{translate(language, 'purposeTitle')}</h2>
                <p>{survey.purpose[language] || survey.purpose.fr}</p>
              </section>
            )}
            {sending.kind === 'idle' && (
              <div className="survey" lang={language}>
                <Survey model={model} />
              </div>
            )}
            {sending.kind === 'sending' && <p role="status">{translate(language, 'sending')}</p>}
            {sending.kind === 'failed' && (
              <div role="alert" className="problem">
                <p>{sending.message}</p>
                {!sending.final && (
                  <button type="button" className="primary" onClick={() => void send()}>
                    {translate(language, 'retry')}
                  </button>
                )}
              </div>
            )}
            {sending.kind === 'done' && (
              <section className="thanks" role="status">
                <h2>{translate(language, 'thanksTitle')}</h2>
                <p>{translate(language, 'thanksText')}</p>
              </section>
            )}
          </>
        )}
      </main>
    </div>
  );
}
