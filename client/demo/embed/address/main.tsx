import '../../styles.css';
import { mount } from '../../common/mount.tsx';
import { AddressForm } from './AddressForm.tsx';

mount(AddressForm);
