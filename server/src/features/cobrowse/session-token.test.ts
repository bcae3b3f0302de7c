import { describe, expect, it } from 'vitest';
import { SessionTokens } from './session-token.ts';

describe('SessionTokens', () => {
  const tokens = new SessionTokens('a-secret-of-at-least-thirty-two-characters');
  const id = '0b6a3f7e-3c56-4a57-9a3c-1b0f1f6f7c11';

  it('verifies its own token and names the session', () => {
    expect(tokens.verify(tokens.sign(id))).toBe(id);
  });

  it('refuses a token for another session with the same mac', () => {
    const mac = tokens.sign(id).split('.')[1];
    expect(tokens.verify(`0b6a3f7e-3c56-4a57-9a3c-1b0f1f6f7c12.${mac}`)).toBeUndefined();
  });

  it('refuses tokens signed with another secret, and garbage', () => {
    const other = new SessionTokens('another-secret-of-thirty-two-characters!!');
    expect(tokens.verify(other.sign(id))).toBeUndefined();
    expect(tokens.verify('nonsense')).toBeUndefined();
    expect(tokens.verify('.abc')).toBeUndefined();
  });
});
