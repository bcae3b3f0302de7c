import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { readStoredLang } from '../i18n.ts';
import { LangProvider } from './lang.tsx';

/** Renders one page of the demo site into its `#root`. */
export function mount(Page: ComponentType): void {
  // Set before the first render: the widget loads async and may read the language immediately.
  document.documentElement.lang = readStoredLang();
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element');
  createRoot(root).render(
    <StrictMode>
      <LangProvider>
        <Page />
      </LangProvider>
    </StrictMode>,
  );
}
