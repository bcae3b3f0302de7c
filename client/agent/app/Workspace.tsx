import type { User } from '@tsunagi/shared';
import { useConsoleConnection } from '../../lib/socket/console-connection.tsx';
import { LiveScreen } from '../live/LiveScreen.tsx';
import { HomeScreen } from '../queue/HomeScreen.tsx';
import { useQueue } from '../queue/use-queue.ts';
import { useRoute } from './route.ts';

/**
 * The agent's two screens. The queue subscription lives here, above both, so
 * "my sessions" stays current while the agent is in a live view and the
 * queue is ready the moment they come back.
 */
export function Workspace({ user }: { user: User }) {
  const { socket } = useConsoleConnection();
  const queue = useQueue(socket, user.id);
  const [route, navigate] = useRoute();

  if (route.name === 'live') {
    return (
      <LiveScreen
        key={route.sessionId}
        sessionId={route.sessionId}
        onBack={() => navigate({ name: 'home' })}
      />
    );
  }
  return <HomeScreen queue={queue} onOpen={(sessionId) => navigate({ name: 'live', sessionId })} />;
}
