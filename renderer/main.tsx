// Renderer entry: creates the contract client (in browser mode this takes the launch token out of the
// page's URL before anything renders) and mounts the React app into #root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './bridge/client';
import { App } from './features/shell/App';
import './styles.css';

api();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
