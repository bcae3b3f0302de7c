import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { DomainError } from '../../realtime/domain-error.ts';
import type { Database } from '../../storage/schema.ts';

const WINDOW_MS = 60_000;
const GLOBAL = 'global';
const agentScope = (agentId: string) => `agent:${agentId}`;

/**
 * Wrong join codes are counted per agent and overall in one-minute windows.
 * A million codes and ten tries a minute make guessing hopeless; the overall
 * cap stops many accounts guessing together.
 *
 * The counts live in the store (`code_attempts`), so every node of a
 * multi-node deployment enforces the same limits. A scope's window opens at
 * its first wrong code and lasts a minute; the next wrong code after that
 * opens a new one.
 */
export class CodeAttemptLimiter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly perAgentLimit: number,
    private readonly globalLimit: number,
    private readonly now: () => number = Date.now,
  ) {}

  async assertAllowed(agentId: string): Promise<void> {
    const rows = await this.db
      .selectFrom('code_attempts')
      .select(['scope', 'failures'])
      .where('scope', 'in', [GLOBAL, agentScope(agentId)])
      .where('window_start', '>', this.now() - WINDOW_MS)
      .execute();
    const failures = (scope: string) => rows.find((row) => row.scope === scope)?.failures ?? 0;
    if (failures(agentScope(agentId)) >= this.perAgentLimit || failures(GLOBAL) >= this.globalLimit) {
      throw new DomainError('rate_limited', 'too many wrong codes; wait a minute and try again');
    }
  }

  async recordFailure(agentId: string): Promise<void> {
    const now = this.now();
    // One atomic upsert per scope (several nodes may count at once); a window
    // a minute old or more starts over at this failure.
    const open = sql<boolean>`excluded.window_start - code_attempts.window_start < ${WINDOW_MS}`;
    await this.db
      .insertInto('code_attempts')
      .values([GLOBAL, agentScope(agentId)].map((scope) => ({ scope, window_start: now, failures: 1 })))
      .onConflict((oc) =>
        oc.column('scope').doUpdateSet({
          failures: sql<number>`case when ${open} then code_attempts.failures + 1 else 1 end`,
          window_start: sql<number>`case when ${open} then code_attempts.window_start else excluded.window_start end`,
        }),
      )
      .execute();
  }
}
