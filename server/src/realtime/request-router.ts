import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Ack, ErrorCode } from '@tsunagi/shared';
import type { Logger } from 'pino';
import { DomainError } from './domain-error.ts';

type Spec = Record<string, { request: z.ZodType; response: z.ZodType }>;

export type Handlers<S extends Spec> = {
  [K in keyof S]: (payload: z.infer<S[K]['request']>) => Promise<z.infer<S[K]['response']>>;
};

/**
 * The one entry point for inbound socket events. Each event of the spec is
 * parsed with its zod schema, run, and answered with the ack envelope;
 * unknown events and events without an ack are refused. A handler never sees
 * unvalidated input and never throws into Socket.IO.
 */
export function routeRequests<S extends Spec>(
  socket: Socket,
  spec: S,
  handlers: Handlers<S>,
  logger: Logger,
  authorise?: (event: keyof S & string) => void,
): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') {
      logger.warn({ event, socketId: socket.id }, 'socket event without acknowledgement refused');
      return;
    }
    const reply = ack as (answer: Ack<unknown>) => void;
    if (!Object.hasOwn(spec, event)) {
      reply(failure('bad_request', `unknown event ${JSON.stringify(event).slice(0, 60)}`));
      return;
    }
    const name = event as keyof S & string;
    const parsed = spec[name]!.request.safeParse(args.length > 1 ? args[0] : undefined);
    if (!parsed.success) {
      reply(failure('bad_request', describe(parsed.error)));
      return;
    }
    // Not an async wrapper: this runs for every batch, and a promise chain
    // allocates less than an async function's suspended frame (session 9).
    const fail = (error: unknown) => {
      if (error instanceof DomainError) {
        reply(failure(error.code, error.message));
      } else {
        logger.error({ err: error, event: name }, 'socket handler failed');
        reply(failure('internal', 'something went wrong on the server'));
      }
    };
    let answer: Promise<unknown>;
    try {
      authorise?.(name);
      answer = handlers[name](parsed.data as z.infer<S[typeof name]['request']>);
    } catch (error) {
      fail(error);
      return;
    }
    void answer.then((data) => reply({ ok: true, data }), fail);
  });
}

function failure(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}

export function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}
