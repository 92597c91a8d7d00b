// Renderer entry: mounts the React app into #root. Importing the app creates its store over the contract
// client (store/index.ts), which in browser mode takes the launch token out of the page's URL before anything renders.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './features/shell/App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
