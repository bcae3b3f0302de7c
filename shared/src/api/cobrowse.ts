import { z } from 'zod';
import { JoinCode, PageInfo, ServerTime, SessionId } from '../protocol/common.ts';

/** `POST /api/cobrowse/sessions`: the customer agreed to share. */
export const CreateSessionBody = z.object({
  consent: z.literal(true, { error: 'the customer must consent before a session starts' }),
  page: PageInfo,
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const CreateSessionResponse = z.object({
  sessionId: SessionId,
  /** Signed token binding the customer's sockets to this session only. */
  token: z.string(),
  code: JoinCode,
  codeExpiresAt: ServerTime,
});
export type CreateSessionResponse = z.infer<typeof CreateSessionResponse>;

/** `GET /api/widget/config`: what the widget needs before the customer starts. */
export const WidgetConfig = z.object({
  idleTimeoutMs: z.number().int(),
  checkoutEveryMs: z.number().int(),
  batchIntervalMs: z.number().int(),
  maxBatchBytes: z.number().int(),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;
