import { z } from 'zod';

export const Lang = z.enum(['ja', 'en']);
export type Lang = z.infer<typeof Lang>;

export const Role = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const SessionId = z.uuid();
export type SessionId = z.infer<typeof SessionId>;

/** A six-digit code the customer reads out to the agent over the phone. */
export const JoinCode = z.string().regex(/^\d{6}$/, 'a join code is six digits');
export type JoinCode = z.infer<typeof JoinCode>;

/** Milliseconds since the epoch on the server's clock. */
export const ServerTime = z.number().int().nonnegative();

export const Viewport = z.object({
  width: z.number().int().min(0).max(100_000),
  height: z.number().int().min(0).max(100_000),
});
export type Viewport = z.infer<typeof Viewport>;

/** What the customer's tab is showing; sent on every page load and resize. */
export const PageInfo = z.object({
  url: z.string().max(4096),
  title: z.string().max(500),
  lang: Lang,
  viewport: Viewport,
});
export type PageInfo = z.infer<typeof PageInfo>;

export const EndReason = z.enum(['customer', 'agent', 'idle', 'server']);
export type EndReason = z.infer<typeof EndReason>;

export const SessionStatus = z.enum(['waiting', 'active', 'ended']);
export type SessionStatus = z.infer<typeof SessionStatus>;
