import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'survey-core/survey-core.fontless.min.css';
import './public.css';
import { kioskIdle } from '../src-shared/http/public-paths';
import type { Language } from './i18n';
import { KioskPage } from './KioskPage';
import { SurveyPage } from './SurveyPage';

const uuid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

function idleSeconds(query: URLSearchParams): number {
  const asked = Number(query.get('idle'));
  if (!Number.isInteger(asked) || asked === 0) return kioskIdle.defaultSeconds;
  return Math.min(kioskIdle.maxSeconds, Math.max(kioskIdle.minSeconds, asked));
}

function App() {
  const query = new URLSearchParams(location.search);
  const [language, setLanguage] = useState<Language>(query.get('lang') === 'en' ? 'en' : 'fr');
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const survey = new RegExp(`^/s/(${uuid})/?$`).exec(location.pathname);
  if (survey?.[1] !== undefined) {
    return (
      <SurveyPage surveyId={survey[1]} token={query.get('t')} collectorId={query.get('c')} language={language} onLanguage={setLanguage} />
    );
  }
  const kiosk = new RegExp(`^/k/(${uuid})/?$`).exec(location.pathname);
  if (kiosk?.[1] !== undefined) {
    return <KioskPage collectorId={kiosk[1]} idleSeconds={idleSeconds(query)} language={language} onLanguage={setLanguage} />;
  }
  return (
    <main className="page-main">
      <h1>Page introuvable</h1>
    </main>
  );
}

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
