import { describe, expect, it } from 'vitest';
import { leaksIn } from './leaks.ts';

describe('leaksIn', () => {
  it('finds a secret of text anywhere, and names the place', () => {
    expect(leaksIn({ frames: 'x"TARO FRAMEWELL"y', rows: 'nothing' }, ['FRAMEWELL'])).toEqual(['FRAMEWELL in frames']);
  });

  it('finds a secret of digits as a number of its own', () => {
    expect(leaksIn({ frames: '{"text":"4821"}' }, ['4821'])).toEqual(['4821 in frames']);
    expect(leaksIn({ file: '\u0000\u00014821\u0002' }, ['4821'])).toEqual(['4821 in file']);
  });

  it('does not take digits inside a longer number (a timestamp, an id) for a secret of digits', () => {
    expect(leaksIn({ frames: '{"timestamp":1795734821123,"id":48210}' }, ['4821'])).toEqual([]);
  });
});
