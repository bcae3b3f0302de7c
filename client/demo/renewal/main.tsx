import '../styles.css';
import { mount } from '../common/mount.tsx';
import { RenewalPage } from './RenewalPage.tsx';

mount(RenewalPage);
