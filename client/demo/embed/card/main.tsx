import './card.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { partnerOrigin } from '../../common/partner-origin.ts';
import { addTsunagiSettings } from '../../common/tsunagi-settings.ts';
import { CardForm, cardLang } from './CardForm.tsx';

// The insurer's pages (the other loopback name in the demo) may receive this
// form's masked recording while the customer shares their screen.
addTsunagiSettings({ parentOrigins: [partnerOrigin(location)] });

const lang = cardLang(location.search);
document.documentElement.lang = lang;
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <CardForm lang={lang} />
  </StrictMode>,
);
