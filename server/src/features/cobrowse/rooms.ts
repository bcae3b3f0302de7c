/** Socket.IO room names, in one place so both namespaces agree. */
export const rooms = {
  /** Customer sockets (every tab) of one session, in the customer namespace. */
  customer: (sessionId: string) => `customer:${sessionId}`,
  /** Agent sockets showing a session's live view. */
  watchers: (sessionId: string) => `watch:${sessionId}`,
  /** Every socket of one user, to reach them wherever they are in the console. */
  user: (userId: string) => `user:${userId}`,
  /** Agents looking at the waiting queue. */
  queue: 'queue',
  /** Supervisors looking at every live session. */
  monitor: 'monitor',
} as const;
