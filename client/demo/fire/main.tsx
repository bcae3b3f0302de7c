import '../styles.css';
import { mount } from '../common/mount.tsx';
import { FirePage } from './FirePage.tsx';

mount(FirePage);
