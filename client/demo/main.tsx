import './styles.css';
import { mount } from './common/mount.tsx';
import { HomePage } from './home/HomePage.tsx';

mount(HomePage);
