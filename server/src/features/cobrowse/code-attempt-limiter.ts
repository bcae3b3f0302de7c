import { DomainError } from '../../realtime/domain-error.ts';

/**
 * Wrong join codes are counted per agent and for the whole node in one-minute
 * windows. A million codes and ten tries a minute make guessing hopeless; the
 * global cap stops many accounts guessing together.
 */
export class CodeAttemptLimiter {
  private windowStart = 0;
  private global = 0;
  private readonly perAgent = new Map<string, number>();

  constructor(
    private readonly perAgentLimit: number,
    private readonly globalLimit: number,
    private readonly now: () => number = Date.now,
  ) {}

  assertAllowed(agentId: string): void {
    this.roll();
    if ((this.perAgent.get(agentId) ?? 0) >= this.perAgentLimit || this.global >= this.globalLimit) {
      throw new DomainError('rate_limited', 'too many wrong codes; wait a minute and try again');
    }
  }

  recordFailure(agentId: string): void {
    this.roll();
    this.global++;
    this.perAgent.set(agentId, (this.perAgent.get(agentId) ?? 0) + 1);
  }

  private roll(): void {
    const now = this.now();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.global = 0;
      this.perAgent.clear();
    }
  }
}
