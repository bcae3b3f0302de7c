import '../styles.css';
import { mount } from '../common/mount.tsx';
import { partnerOrigin } from '../common/partner-origin.ts';
import { addTsunagiSettings } from '../common/tsunagi-settings.ts';
import { ChangePage } from './ChangePage.tsx';

// The payment provider's card form is a frame from another origin; the
// widget there passes its (masked) recording to this page only because
// both sides list each other (see embed/card/main.tsx).
addTsunagiSettings({ frameOrigins: [partnerOrigin(location)] });
mount(ChangePage);
