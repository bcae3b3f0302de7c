import { describe, expect, it } from 'vitest';
import { buildSelectors, isSensitiveField, maskText, maskValue, type FieldFacts } from './masking.ts';

const field = (over: Partial<FieldFacts>): FieldFacts => ({
  tagName: 'input',
  type: 'text',
  autocomplete: '',
  wasPassword: false,
  underMask: false,
  ...over,
});

describe('isSensitiveField', () => {
  it('leaves ordinary fields readable (the agent must see what the customer types)', () => {
    expect(isSensitiveField(field({}))).toBe(false);
    expect(isSensitiveField(field({ type: 'email', autocomplete: 'email' }))).toBe(false);
    expect(isSensitiveField(field({ tagName: 'textarea', type: '' }))).toBe(false);
    expect(isSensitiveField(field({ tagName: 'select', type: '', autocomplete: 'address-level1' }))).toBe(false);
  });

  it('masks passwords, also after a show-password toggle made them type=text', () => {
    expect(isSensitiveField(field({ type: 'password' }))).toBe(true);
    expect(isSensitiveField(field({ type: 'text', wasPassword: true }))).toBe(true);
    expect(isSensitiveField(field({ autocomplete: 'current-password' }))).toBe(true);
    expect(isSensitiveField(field({ autocomplete: 'new-password' }))).toBe(true);
    expect(isSensitiveField(field({ autocomplete: 'one-time-code' }))).toBe(true);
  });

  it('masks payment-card fields by their autocomplete token, whatever the element', () => {
    for (const token of ['cc-number', 'cc-exp', 'cc-csc', 'cc-name', 'cc-exp-month', 'CC-Number']) {
      expect(isSensitiveField(field({ autocomplete: token })), token).toBe(true);
    }
    expect(isSensitiveField(field({ autocomplete: 'section-pay billing cc-number' }))).toBe(true);
    expect(isSensitiveField(field({ tagName: 'select', type: '', autocomplete: 'cc-exp-year' }))).toBe(true);
    expect(isSensitiveField(field({ autocomplete: 'occ-number' }))).toBe(false);
  });

  it('masks hidden and file inputs', () => {
    expect(isSensitiveField(field({ type: 'hidden' }))).toBe(true);
    expect(isSensitiveField(field({ type: 'file' }))).toBe(true);
  });

  it('masks anything inside protected content', () => {
    expect(isSensitiveField(field({ underMask: true }))).toBe(true);
    expect(isSensitiveField(field({ tagName: 'textarea', type: '', underMask: true }))).toBe(true);
  });

  it('only ever applies to form fields', () => {
    expect(isSensitiveField(field({ tagName: 'div', type: '', underMask: true }))).toBe(false);
  });
});

describe('buildSelectors', () => {
  it('always includes the built-in hooks and the widget itself', () => {
    const s = buildSelectors({ mask: [], block: [] }, () => true);
    expect(s.mask).toBe('[data-tsunagi-mask]');
    expect(s.block.split(',')).toEqual(['tsunagi-widget', '[data-tsunagi-ui]', '[data-tsunagi-block]']);
  });

  it('adds valid site selectors and rejects invalid ones', () => {
    const s = buildSelectors({ mask: ['#policy', ' ', '::bad('], block: ['.chart'] }, (sel) => !sel.includes('('));
    expect(s.mask).toBe('[data-tsunagi-mask],#policy');
    expect(s.block.endsWith(',.chart')).toBe(true);
    expect(s.rejected).toEqual(['::bad(']);
  });
});

describe('mask helpers', () => {
  it('keeps the length and whitespace, nothing else', () => {
    expect(maskValue('4111 1111')).toBe('*********');
    expect(maskText('山田 太郎\n様')).toBe('** **\n*');
    expect(maskText(maskText('abc'))).toBe('***');
  });
});
