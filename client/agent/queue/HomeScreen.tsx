import { useConsoleConnection } from '../../lib/socket/console-connection.tsx';
import { JoinByCode } from './JoinByCode.tsx';
import { MySessions } from './MySessions.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import type { QueueState } from './use-queue.ts';
import './queue.css';

/** The agent's home: who is waiting, a code to join with, and sessions already mine. */
export function HomeScreen({ queue, onOpen }: { queue: QueueState; onOpen: (sessionId: string) => void }) {
  const { socket, clock } = useConsoleConnection();
  return (
    <div className="home">
      <QueuePanel socket={socket} clock={clock} queue={queue} onTaken={onOpen} />
      <div className="home-side">
        <JoinByCode socket={socket} onJoined={onOpen} />
        <MySessions clock={clock} sessions={queue.mine} onOpen={onOpen} />
      </div>
    </div>
  );
}
