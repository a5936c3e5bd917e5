import { useEffect, useMemo, useState } from 'react';
import { Survey } from 'survey-react-ui';
import { publicPaths } from '../src-shared/http/public-paths';
import { loadJson, newAnswerId, type PublicSurvey } from './api';
import { refusalMessage, translate, type Language } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { createOutbox, type OutboxState } from './outbox';
import { surveyModel, surveyTitle } from './survey-model';

interface Kiosk {
  collectorId: string;
  label: string;
  survey: PublicSurvey;
}

/** How long the thank-you screen stays before the kiosk is ready for the next person. */
const THANKS_MS = 6000;

/**
 * A kiosk (`/k/:collectorId`): full screen, one question per screen with faces and a progress bar, a thank-you
 * screen, then ready for the next person; it starts over after `idleSeconds` without a touch. It works offline:
 * the service worker keeps the page and its survey, answers wait in the outbox with their own id.
 */
export function KioskPage({
  collectorId,
  idleSeconds,
  language,
  onLanguage,
}: {
  collectorId: string;
  idleSeconds: number;
  language: Language;
  onLanguage: (language: Language) => void;
}) {
  const kioskUrl = publicPaths.kioskApi(collectorId);
  const storedKey = `guichet.kiosk.${collectorId}.survey`;
  const outbox = useMemo(() => createOutbox(`guichet.kiosk.${collectorId}.outbox`), [collectorId]);
  const [kiosk, setKiosk] = useState<Kiosk | { error: string } | null>(null);
  const [round, setRound] = useState(0);
  const [thanks, setThanks] = useState(false);
  const [queue, setQueue] = useState<OutboxState>(() => outbox.state());
  const [online, setOnline] = useState(() => navigator.onLine);

  // The survey: from the service, else the copy kept from the last time (the service worker's, or this one).
  useEffect(() => {
    void loadJson<Kiosk>(kioskUrl).then((loaded) => {
      if (loaded.kind === 'ok') {
        localStorage.setItem(storedKey, JSON.stringify(loaded.value));
        setKiosk(loaded.value);
        return;
      }
      const kept = localStorage.getItem(storedKey);
      if (loaded.kind === 'offline' && kept !== null) setKiosk(JSON.parse(kept) as Kiosk);
      else setKiosk({ error: loaded.kind === 'offline' ? 'OFFLINE' : loaded.code });
    });
  }, [kioskUrl, storedKey]);

  // The service worker keeps the page, its scripts and the survey for the days without network.
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const root = document.getElementById('root');
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type === 'cached') root?.setAttribute('data-offline-ready', 'true');
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    void navigator.serviceWorker
      .register(publicPaths.kioskWorker, { scope: '/k/' })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const assets = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((script) => script.src);
        const styles = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((link) => link.href);
        registration.active?.postMessage({ type: 'cache', urls: [location.pathname + location.search, kioskUrl, ...assets, ...styles] });
      })
      .catch(() => undefined);
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [kioskUrl]);

  useEffect(() => outbox.subscribe(setQueue), [outbox]);
  useEffect(() => {
    void outbox.flush();
    const retry = setInterval(() => void outbox.flush(), 30_000);
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      clearInterval(retry);
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, [outbox]);

  const survey = kiosk !== null && !('error' in kiosk) ? kiosk.survey : null;
  const model = useMemo(() => (survey === null ? null : surveyModel(survey.definition, 'fr', 'kiosk')), [survey, round]);
  useEffect(() => {
    if (model !== null) model.locale = language;
  }, [model, language]);

  useEffect(() => {
    if (model === null || survey === null) return;
    const complete = () => {
      outbox.add({
        surveyId: survey.id,
        givenAt: new Date().toISOString(),
        body: { id: newAnswerId(), answers: model.data as Record<string, unknown>, channel: 'kiosk', collectorId },
      });
      setThanks(true);
    };
    model.onComplete.add(complete);
    return () => model.onComplete.remove(complete);
  }, [model, survey, outbox, collectorId]);

  const startOver = () => {
    setThanks(false);
    onLanguage('fr');
    setRound((value) => value + 1);
  };
  useEffect(() => {
    if (!thanks) return;
    const timer = setTimeout(startOver, THANKS_MS);
    return () => clearTimeout(timer);
  });

  // Someone walked away mid-survey: start over after `idleSeconds` without a touch.
  useEffect(() => {
    let timer = setTimeout(() => undefined, 0);
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (model !== null && !model.isEmpty) startOver();
        else if (model !== null && model.currentPageNo > 0) startOver();
      }, idleSeconds * 1000);
    };
    arm();
    const events = ['pointerdown', 'keydown', 'input'] as const;
    for (const name of events) window.addEventListener(name, arm, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, arm);
    };
  });

  useEffect(() => {
    document
      .getElementById('root')
      ?.setAttribute('data-state', kiosk === null ? 'loading' : 'error' in kiosk ? 'refused' : thanks ? 'thanks' : 'ready');
  }, [kiosk, thanks]);

  const title = survey === null ? null : surveyTitle(survey.definition, language);
  const waiting = queue.pending;
  return (
    <div className="kiosk">
      <header className="kiosk-header">
        <LanguageSwitch language={language} onChange={onLanguage} />
        <button type="button" className="quiet" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>
          {translate(language, 'fullScreen')}
        </button>
      </header>
      <main className="kiosk-main">
        {kiosk === null && <p role="status">{translate(language, 'loading')}</p>}
        {kiosk !== null && 'error' in kiosk && (
          <h1>{kiosk.error === 'OFFLINE' ? translate(language, 'kioskUnavailable') : refusalMessage(language, kiosk.error)}</h1>
        )}
        {survey !== null && model !== null && !thanks && (
          <>
            <h1>{title ?? translate(language, 'kioskWelcome')}</h1>
            <p className="kiosk-subtitle">{translate(language, 'kioskWelcome')}</p>
            <details className="purpose kiosk-purpose">
              <summary>{translate(language, 'purposeTitle')}</summary>
              <p>{survey.purpose[language] || survey.purpose.fr}</p>
            </details>
            <div className="survey kiosk-survey" lang={language}>
              <Survey key={round} model={model} />
            </div>
          </>
        )}
        {thanks && (
          <section className="kiosk-thanks" role="status">
            <div className="kiosk-thanks-face" aria-hidden="true">
              <svg viewBox="0 0 120 120" width="160" height="160">
                <circle cx="60" cy="60" r="54" className="face" />
                <circle cx="42" cy="48" r="7" className="eye" />
                <circle cx="78" cy="48" r="7" className="eye" />
                <path d="M34 72 Q60 100 86 72" className="smile" />
              </svg>
            </div>
            <h1>{translate(language, 'kioskThanks')}</h1>
            <p>{translate(language, 'kioskThanksText')}</p>
            <button type="button" className="primary" onClick={startOver}>
              {translate(language, 'kioskAgain')}
            </button>
          </section>
        )}
      </main>
      {(waiting > 0 || !online) && (
        <footer className="kiosk-status" role="status" data-pending={waiting}>
          {[
            !online ? translate(language, 'offline') : null,
            waiting > 0 ? translate(language, waiting === 1 ? 'pending' : 'pendingMany', { count: waiting }) : null,
          ]
            .filter((part) => part !== null)
            .join(' — ')}
        </footer>
      )}
    </div>
  );
}
