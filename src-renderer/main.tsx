import './app/zod-config';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createI18n, storedLanguage } from './app/i18n';
import { AppProviders } from './app/providers';
import { createQueryClient } from './app/query-client';
import { createAppTrpcClient } from './app/transport';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');

const i18n = createI18n({
  language: storedLanguage(localStorage),
  storage: localStorage,
  documentElement: document.documentElement,
});
const queryClient = createQueryClient();
const trpcClient = createAppTrpcClient();

createRoot(container).render(
  <StrictMode>
    <AppProviders queryClient={queryClient} trpcClient={trpcClient} i18n={i18n}>
      <App />
    </AppProviders>
  </StrictMode>,
);
