import { can, type User } from '@tsunagi/shared';
import { useConsoleConnection } from '../../lib/socket/console-connection.tsx';
import { LiveScreen } from '../live/LiveScreen.tsx';
import { MonitorScreen } from '../monitor/MonitorScreen.tsx';
import { SupervisorNav } from '../monitor/SupervisorNav.tsx';
import { HomeScreen } from '../queue/HomeScreen.tsx';
import { useQueue } from '../queue/use-queue.ts';
import { useRoute } from './route.ts';

/**
 * The agent's two screens, and for a supervisor two more: every live
 * session, and one of them monitored read-only. The queue subscription
 * lives here, above the screens, so "my sessions" stays current while the
 * agent is in a live view and the queue is ready the moment they come back.
 */
export function Workspace({ user }: { user: User }) {
  const { socket } = useConsoleConnection();
  const queue = useQueue(socket, user.id);
  const [route, navigate] = useRoute();
  const supervisor = can(user.role, 'cobrowse.monitor');

  if (route.name === 'live') {
    return (
      <LiveScreen
        key={route.sessionId}
        sessionId={route.sessionId}
        selfName={user.displayName}
        onBack={() => navigate({ name: 'home' })}
        onTransferred={() => {
          queue.refresh();
          navigate({ name: 'home' });
        }}
      />
    );
  }
  if (supervisor && route.name === 'monitor-live') {
    return (
      <LiveScreen
        key={route.sessionId}
        sessionId={route.sessionId}
        selfName={user.displayName}
        mode="monitor"
        onBack={() => navigate({ name: 'monitor' })}
      />
    );
  }
  if (supervisor && route.name === 'monitor') {
    return (
      <>
        <SupervisorNav current="monitor" />
        <MonitorScreen onMonitor={(sessionId) => navigate({ name: 'monitor-live', sessionId })} />
      </>
    );
  }
  return (
    <>
      {supervisor ? <SupervisorNav current="queue" /> : null}
      <HomeScreen queue={queue} onOpen={(sessionId) => navigate({ name: 'live', sessionId })} />
    </>
  );
}
