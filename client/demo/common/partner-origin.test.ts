import { describe, expect, it } from 'vitest';
import { partnerOrigin } from './partner-origin.ts';

const at = (url: string) => {
  const u = new URL(url);
  return { protocol: u.protocol, hostname: u.hostname, port: u.port, origin: u.origin };
};

describe('partnerOrigin', () => {
  it('swaps the two loopback names, keeping scheme and port', () => {
    expect(partnerOrigin(at('http://127.0.0.1:41234/change/'))).toBe('http://localhost:41234');
    expect(partnerOrigin(at('http://localhost:3000/change/'))).toBe('http://127.0.0.1:3000');
    expect(partnerOrigin(at('https://localhost/'))).toBe('https://127.0.0.1');
  });

  it('is the same origin on any other host', () => {
    expect(partnerOrigin(at('https://demo.tsunagi.example/change/'))).toBe('https://demo.tsunagi.example');
  });
});
