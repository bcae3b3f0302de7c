import '../styles.css';
import { mount } from '../common/mount.tsx';
import { CertificatePage } from './CertificatePage.tsx';

mount(CertificatePage);
