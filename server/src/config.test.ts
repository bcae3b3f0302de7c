import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const good = { SESSION_SECRET: 'x'.repeat(32) };

describe('loadConfig', () => {
  it('fills defaults: SQLite under ./data, port 3000', () => {
    const config = loadConfig(good);
    expect(config.DATABASE_URL).toBe('sqlite:./data/tsunagi.db');
    expect(config.PORT).toBe(3000);
    expect(config.JOIN_CODE_TTL_MS).toBe(600_000);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ ...good, PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT:[\s\S]*DATABASE_URL: must start with sqlite: or postgres:\/\/[\s\S]*LOG_LEVEL/,
    );
  });

  it('requires a real session secret outside demo mode', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(loadConfig({ DEMO_MODE: 'true' }).sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps MAX_BATCH_BYTES at 64 KiB or more', () => {
    expect(loadConfig(good).MAX_BATCH_BYTES).toBe(8 * 1024 * 1024);
    expect(loadConfig({ ...good, MAX_BATCH_BYTES: '65536' }).MAX_BATCH_BYTES).toBe(65_536);
    expect(() => loadConfig({ ...good, MAX_BATCH_BYTES: '1000' })).toThrow(/MAX_BATCH_BYTES: must be at least 65536/);
  });

  it('runs the storage threads at idle CPU priority unless told otherwise', () => {
    expect(loadConfig(good).STORAGE_THREAD_PRIORITY).toBe('idle');
    expect(loadConfig({ ...good, STORAGE_THREAD_PRIORITY: 'normal' }).STORAGE_THREAD_PRIORITY).toBe('normal');
    expect(() => loadConfig({ ...good, STORAGE_THREAD_PRIORITY: 'low' })).toThrow(/STORAGE_THREAD_PRIORITY/);
  });
});
