// The entry point: styles, the query client, the router, and the API client's answer to a 401
// (forget the session, go to the sign-in page, come back here afterwards).
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from 'react-aria-components';
import { configureApi, stopSessionRenewal } from './api/client';
import { createQueryClient } from './app/query-client';
import { createAppRouter } from './app/router';
import { ToastProvider } from './ui/Toast';
import './ui/tokens.css';
import './ui/ui.css';
import './app/app.css';

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

configureApi({
  onUnauthorized: () => {
    stopSessionRenewal();
    queryClient.setQueryData(['session'], null);
    const here = router.state.location;
    if (here.pathname === '/login') return;
    void router.navigate({ to: '/login', search: { next: here.href, expired: '1' } });
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider locale="ja-JP">
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <RouterProvider router={router} />
        </ToastProvider>
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
