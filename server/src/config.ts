import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const duration = z.coerce.number().int().positive();

/**
 * Every setting the server reads from its environment. docs/operations.md
 * lists them; keep the two in step. Parsing fails with the variable's name.
 */
export const EnvSchema = z.object({
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** `sqlite:<path>` or `postgres://…`. */
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/tsunagi.db'),
  /** Redis URL for the Socket.IO adapter when several nodes share the load. */
  REDIS_URL: z.url().optional(),
  /** HMAC key for customer session tokens; at least 32 characters outside demo mode. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** Seeds demo accounts with well-known passwords; refuse them otherwise. */
  DEMO_MODE: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built client lives (vite build output). */
  CLIENT_DIST: z.string().default('client/dist'),
  /** Mark cookies Secure (set behind HTTPS). */
  COOKIE_SECURE: bool.default(false),
  LOGIN_TTL_HOURS: duration.default(12),
  JOIN_CODE_TTL_MS: duration.default(10 * 60_000),
  /** A session whose customer sent nothing for this long ends. */
  IDLE_TIMEOUT_MS: duration.default(30 * 60_000),
  /** How often the widget takes a fresh full snapshot. */
  CHECKOUT_EVERY_MS: duration.default(3 * 60_000),
  BATCH_INTERVAL_MS: duration.default(100),
  /**
   * Largest batch a customer may send (full snapshots of large pages are
   * megabytes). A single event larger than this is not sent: the widget sends
   * a `tsunagi:dropped-event` marker instead and the console says so. At
   * least 64 KiB, so that ordinary events and the markers always fit.
   */
  MAX_BATCH_BYTES: z.coerce.number().int().min(64 * 1024, 'must be at least 65536 (64 KiB)').default(8 * 1024 * 1024),
  /** Wrong join codes allowed per agent per minute, and for the whole node. */
  CODE_ATTEMPTS_PER_AGENT_PER_MIN: duration.default(10),
  CODE_ATTEMPTS_GLOBAL_PER_MIN: duration.default(300),
  /** How long pending writes may wait to be grouped into one transaction. */
  STORE_FLUSH_MS: duration.default(10),
  /** A customer's tab whose page went away and did not come back within this long counts as closed. */
  TAB_GONE_AFTER_MS: duration.default(8000),
  /**
   * CPU priority of the SQLite commit and checkpoint threads on Linux:
   * `idle` (SCHED_IDLE: they run when a core is free, and give it up the
   * moment the relay thread wants it) or `normal` (the process's).
   */
  STORAGE_THREAD_PRIORITY: z.enum(['idle', 'normal']).default('idle'),
});

export type Config = z.infer<typeof EnvSchema> & { sessionSecret: string };

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  let sessionSecret = config.SESSION_SECRET;
  if (!sessionSecret) {
    if (!config.DEMO_MODE) throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required outside DEMO_MODE (32+ characters)');
    sessionSecret = 'demo-mode-session-secret-not-for-production-use';
  }
  return { ...config, sessionSecret };
}
