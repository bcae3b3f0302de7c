import '../styles.css';
import { mount } from '../common/mount.tsx';
import { PaymentPage } from './PaymentPage.tsx';

mount(PaymentPage);
