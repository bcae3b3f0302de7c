import type { User } from '@tsunagi/shared';
import { can } from '@tsunagi/shared';
import { ConsoleConnectionProvider, useConsoleConnection, useSocketStatus } from '../../lib/socket/console-connection.tsx';
import { UsersScreen } from '../users/UsersScreen.tsx';
import { Workspace } from './Workspace.tsx';
import { ConnectionPill } from './ConnectionPill.tsx';
import { Header } from './Header.tsx';
import { OutdatedNotice } from './OutdatedNotice.tsx';
import './shell.css';

/**
 * A logged-in user's console. Agents and supervisors get the socket, the
 * queue and the live view; an admin manages users over plain HTTP and needs
 * no socket at all.
 */
export function ConsoleShell({
  user,
  onLogout,
  onUnauthorized,
}: {
  user: User;
  onLogout: () => void;
  onUnauthorized: () => void;
}) {
  if (!can(user.role, 'cobrowse.assist')) {
    return (
      <div className="shell">
        <Header user={user} onLogout={onLogout} />
        <main className="shell-main">{can(user.role, 'users.manage') ? <UsersScreen currentUser={user} /> : null}</main>
      </div>
    );
  }
  return (
    <ConsoleConnectionProvider onUnauthorized={onUnauthorized}>
      <div className="shell">
        <Header user={user} onLogout={onLogout} status={<HeaderConnection />} />
        <OutdatedNotice />
        <main className="shell-main">
          <Workspace user={user} />
        </main>
      </div>
    </ConsoleConnectionProvider>
  );
}

function HeaderConnection() {
  const { socket } = useConsoleConnection();
  return <ConnectionPill status={useSocketStatus(socket)} testId="connection-status" announce />;
}
