import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import type { i18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { cssVariablesResolver, theme } from './theme';
import { TRPCProvider, type AppRouter } from './trpc';

export interface AppProvidersProps {
  queryClient: QueryClient;
  trpcClient: TRPCClient<AppRouter>;
  i18n: i18n;
  /** `test` disables transitions and portals (jsdom). */
  env?: 'default' | 'test';
  children: ReactNode;
}

export function AppProviders({ queryClient, trpcClient, i18n, env = 'default', children }: AppProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light" env={env}>
            <Notifications position="top-right" />
            {children}
          </MantineProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
