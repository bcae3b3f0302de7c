import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordedEvent } from '@tsunagi/shared';

/** One batch as the widget would have sent it, `t` ms after recording started. */
export interface FixtureBatch {
  t: number;
  events: RecordedEvent[];
}

export interface Fixture {
  description: string;
  recordedAt: string;
  rrweb: string;
  recordOptions: Record<string, unknown>;
  viewport: { width: number; height: number };
  batchIntervalMs: number;
  durationMs: number;
  stats: { batches: number; events: number; bytes: number; rawKbitPerSecond: number };
  batches: FixtureBatch[];
}

export const defaultFixturePath = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/form-flow.json');

export function loadFixture(path = defaultFixturePath): Fixture {
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
  if (!Array.isArray(fixture.batches) || fixture.batches.length === 0) throw new Error(`${path} holds no batches`);
  return fixture;
}
