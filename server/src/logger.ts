import pino, { type Logger } from 'pino';

/**
 * JSON logs on stdout. Customer payloads are never logged: they are already
 * masked, but they are still the customer's page. Cookies and tokens are redacted.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'token', 'password'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
