import { createContext, use, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ServerClock } from '../clock/server-clock.ts';
import { currentUser } from '../http/auth-api.ts';
import { AgentSocket, type SocketStatus } from './agent-socket.ts';

export interface ConsoleConnection {
  socket: AgentSocket;
  clock: ServerClock;
}

const ConnectionContext = createContext<ConsoleConnection | null>(null);

/**
 * Owns the console's one socket and server clock for as long as a user is
 * logged in. Created in an effect (not at import, not during render) so a
 * logout or a test can tear it all down.
 */
export function ConsoleConnectionProvider({
  children,
  onUnauthorized,
}: {
  children: ReactNode;
  /** The server refused our login cookie: the caller shows the login screen. */
  onUnauthorized: () => void;
}) {
  const [connection, setConnection] = useState<ConsoleConnection | null>(null);

  useEffect(() => {
    const socket = new AgentSocket({ verifyLogin: async () => (await currentUser()) !== null });
    const clock = new ServerClock({
      ping: async () => (await socket.request('clock:ping', {})).serverTime,
    });
    // Measure the clock on every connect: a reconnect may land on another
    // node or follow a laptop's sleep.
    const offConnected = socket.onConnected(() => clock.start());
    socket.connect();
    setConnection({ socket, clock });
    return () => {
      offConnected();
      clock.stop();
      socket.close();
    };
  }, []);

  useEffect(() => {
    if (!connection) return;
    const { socket } = connection;
    return socket.subscribeStatus(() => {
      if (socket.getStatus() === 'unauthorized') onUnauthorized();
    });
  }, [connection, onUnauthorized]);

  if (!connection) return null;
  return <ConnectionContext value={connection}>{children}</ConnectionContext>;
}

export function useConsoleConnection(): ConsoleConnection {
  const connection = use(ConnectionContext);
  if (!connection) throw new Error('useConsoleConnection needs a ConsoleConnectionProvider');
  return connection;
}

export function useSocketStatus(socket: AgentSocket): SocketStatus {
  return useSyncExternalStore(socket.subscribeStatus, socket.getStatus);
}
