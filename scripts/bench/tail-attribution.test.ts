import { describe, expect, it } from 'vitest';
import { attributeTail, describePauses, describeTail, parseGcPauses } from './tail-attribution.ts';

describe('attributeTail', () => {
  // 100 samples sent 10 ms apart, 1 ms each, except three slow ones.
  const sentAt = Float64Array.from({ length: 100 }, (_, i) => 1_000 + i * 10);
  const latency = Float64Array.from({ length: 100 }, () => 1);
  latency[20] = 30; // sent at 1200: a server major pause at 1210 overlaps it
  latency[50] = 25; // sent at 1500: only the generator's pause at 1505
  latency[80] = 20; // sent at 1800: nothing

  const server = parseGcPauses('1210.0 12.5 major\n1300 3 minor\n\n1900 2 minor\n');
  const generator = parseGcPauses('1505 4 minor\n1215 2 minor\n');

  it('puts each tail sample under the heaviest pause that overlaps it', () => {
    const result = attributeTail(sentAt, latency, server, generator, [{ start: 1_000, end: 2_000 }], 0.98);
    expect(result.threshold).toBe(20);
    expect(result.tail).toBe(3);
    expect(result.causes).toMatchObject({ 'server major': 1, generator: 1, none: 1, 'server minor': 0 });
    expect(result.serverPauses).toEqual({
      major: { count: 1, totalMs: 12.5, maxMs: 12.5 },
      minor: { count: 2, totalMs: 5, maxMs: 3 },
    });
    expect(describeTail(result)).toBe('3 samples ≥ 20.0 ms: server major 33 %, generator 33 %, none 33 %');
    expect(describePauses(result)).toBe('server major 1 (13 ms, max 12.5), minor 2 (5 ms, max 3.0); load generator all 2 (6 ms, max 4.0)');
  });

  it('counts a pause that began before the sample and was still running', () => {
    const result = attributeTail(Float64Array.of(100), Float64Array.of(5), parseGcPauses('90 12 minor'), [], [{ start: 0, end: 200 }], 0.99);
    expect(result.causes['server minor']).toBe(1);
    // Ended before the sample was sent: not counted.
    const earlier = attributeTail(Float64Array.of(100), Float64Array.of(5), parseGcPauses('90 9 minor'), [], [{ start: 0, end: 200 }], 0.99);
    expect(earlier.causes.none).toBe(1);
  });

  it('ignores lines it cannot read', () => {
    expect(parseGcPauses('garbage\n12 x minor\n5 1 major')).toEqual([{ start: 5, duration: 1, kind: 'major' }]);
  });
});
