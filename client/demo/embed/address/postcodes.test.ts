import { describe, expect, it } from 'vitest';
import { lookUpPostcode, normalisePostcode } from './postcodes.ts';

describe('postcode search', () => {
  it('accepts the ways customers write a postcode', () => {
    expect(normalisePostcode('100-0005')).toBe('1000005');
    expect(normalisePostcode('〒１００－０００５')).toBe('1000005');
    expect(lookUpPostcode('840-0041', 'ja')).toEqual({ prefecture: '佐賀県', city: '佐賀市城内' });
    expect(lookUpPostcode('8400041', 'en')).toEqual({ prefecture: 'Saga', city: 'Jonai, Saga' });
  });

  it('finds nothing for an unknown postcode', () => {
    expect(lookUpPostcode('999-9999', 'ja')).toBeNull();
    expect(lookUpPostcode('', 'ja')).toBeNull();
  });
});
