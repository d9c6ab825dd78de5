/** Boots the explorer: the GraphQL client, the router under the page's base path, and the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { Router } from 'wouter';
import { App } from './app.js';
import { createClient } from './client.js';
import { settings } from './settings.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('the explorer page has no #root element');
createRoot(root).render(
  <StrictMode>
    <Provider value={createClient()}>
      <Router base={settings.basePath}>
        <App />
      </Router>
    </Provider>
  </StrictMode>,
);
