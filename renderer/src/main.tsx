import './styles/base.css';
import './styles/shell.css';
import './styles/thread.css';
import './styles/conversations.css'; // after thread.css: its narrow-window rules override it
import './styles/simulator.css';
import './styles/pages.css';
import './styles/agenda.css';
import './styles/patients.css';
import './styles/backups.css';
import './styles/call-list.css';
import './styles/reminders.css';
import './styles/integrations.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { configureClient } from './shared/api/client';
import { bootstrapSession, forgetSession } from './shared/api/session';
import { App } from './app/App';
import { i18n } from './i18n';
import { parseRoute, useRouter } from './lib/router';
import { useApp } from './app/app-store';
import { applyRememberedTheme } from './lib/theme';

applyRememberedTheme();

const session = bootstrapSession();
// The router read the address before the token left it.
useRouter.setState({ route: parseRoute(window.location.pathname, window.location.search) });
if (session) {
  configureClient(session, () => {
    forgetSession();
    useApp.getState().setSession('expired');
  });
} else {
  useApp.getState().setSession('missing');
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>,
);
