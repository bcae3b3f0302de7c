import { describe, expect, it } from 'vitest';
import { decide, isTextField, navigationRefusal, type ControlFieldFacts, type TargetFacts } from './control-policy.ts';

const ORIGIN = 'https://www.tsunagi-sonpo.example';

const field = (over: Partial<ControlFieldFacts> = {}): ControlFieldFacts => ({
  tagName: 'input',
  type: 'text',
  autocomplete: '',
  wasPassword: false,
  underMask: false,
  disabled: false,
  readOnly: false,
  ...over,
});

const target = (over: Partial<TargetFacts> = {}): TargetFacts => ({
  found: true,
  isDocument: false,
  inWidget: false,
  inFrame: false,
  blocked: false,
  masked: false,
  field: null,
  navigation: null,
  hasOption: false,
  pageOrigin: ORIGIN,
  ...over,
});

describe('decide: frames', () => {
  it('refuses every action into a frame, even a same-origin one (pointer and highlight only there)', () => {
    for (const kind of ['click', 'input', 'check', 'select', 'scroll', 'key'] as const) {
      expect(decide(true, kind, target({ inFrame: true, field: field() }))).toEqual({ ok: false, reason: 'in_frame' });
    }
    // Consent is still checked first, and the same target outside a frame passes.
    expect(decide(false, 'click', target({ inFrame: true }))).toEqual({ ok: false, reason: 'not_granted' });
    expect(decide(true, 'click', target())).toEqual({ ok: true });
  });
});

describe('decide: consent first', () => {
  it('refuses everything unless this browser granted control, whatever else holds', () => {
    for (const kind of ['click', 'input', 'check', 'select', 'scroll', 'key'] as const) {
      expect(decide(false, kind, target({ field: field() }))).toEqual({ ok: false, reason: 'not_granted' });
    }
  });

  it('refuses unknown nodes and the widget itself (never its Stop or Allow buttons)', () => {
    expect(decide(true, 'click', target({ found: false }))).toEqual({ ok: false, reason: 'no_target' });
    for (const kind of ['click', 'input', 'scroll', 'key'] as const) {
      expect(decide(true, kind, target({ inWidget: true, field: field() }))).toEqual({ ok: false, reason: 'widget' });
    }
  });
});

describe('decide: protected content', () => {
  it('refuses typing into passwords, card fields, hidden inputs and credential fields', () => {
    const protectedFields = [
      field({ type: 'password' }),
      field({ wasPassword: true }),
      field({ autocomplete: 'cc-number' }),
      field({ autocomplete: 'billing cc-csc' }),
      field({ autocomplete: 'one-time-code' }),
      field({ type: 'hidden' }),
      field({ type: 'file' }),
      field({ underMask: true }),
      field({ tagName: 'textarea', type: '', underMask: true }),
    ];
    for (const f of protectedFields) {
      expect(decide(true, 'input', target({ field: f })), JSON.stringify(f)).toEqual({ ok: false, reason: 'protected' });
      expect(decide(true, 'click', target({ field: f })), JSON.stringify(f)).toEqual({ ok: false, reason: 'protected' });
      expect(decide(true, 'key', target({ field: f })), JSON.stringify(f)).toEqual({ ok: false, reason: 'protected' });
    }
    expect(decide(true, 'select', target({ field: field({ tagName: 'select', type: '', autocomplete: 'cc-exp-month' }), hasOption: true }))).toEqual({
      ok: false,
      reason: 'protected',
    });
    expect(decide(true, 'check', target({ field: field({ type: 'checkbox', underMask: true }) }))).toEqual({ ok: false, reason: 'protected' });
  });

  it('refuses anything inside the site’s masked or blocked content, fields or not', () => {
    expect(decide(true, 'click', target({ masked: true }))).toEqual({ ok: false, reason: 'protected' });
    expect(decide(true, 'click', target({ blocked: true }))).toEqual({ ok: false, reason: 'blocked' });
    expect(decide(true, 'input', target({ blocked: true, field: field() }))).toEqual({ ok: false, reason: 'blocked' });
  });

  it('allows scrolling anywhere but the widget', () => {
    expect(decide(true, 'scroll', target({ isDocument: true }))).toEqual({ ok: true });
    expect(decide(true, 'scroll', target({ masked: true }))).toEqual({ ok: true });
    expect(decide(true, 'scroll', target({ inWidget: true }))).toEqual({ ok: false, reason: 'widget' });
  });
});

describe('decide: the right kind of field', () => {
  it('types only into enabled, writable text-like fields', () => {
    expect(decide(true, 'input', target({ field: field() }))).toEqual({ ok: true });
    expect(decide(true, 'input', target({ field: field({ type: 'email', autocomplete: 'email' }) }))).toEqual({ ok: true });
    expect(decide(true, 'input', target({ field: field({ tagName: 'textarea', type: '' }) }))).toEqual({ ok: true });
    expect(decide(true, 'input', target({ field: field({ disabled: true }) }))).toEqual({ ok: false, reason: 'not_editable' });
    expect(decide(true, 'input', target({ field: field({ readOnly: true }) }))).toEqual({ ok: false, reason: 'not_editable' });
    expect(decide(true, 'input', target({ field: field({ type: 'checkbox' }) }))).toEqual({ ok: false, reason: 'not_editable' });
    expect(decide(true, 'input', target({ field: field({ type: 'submit' }) }))).toEqual({ ok: false, reason: 'not_editable' });
    expect(decide(true, 'input', target({ field: null }))).toEqual({ ok: false, reason: 'not_editable' });
  });

  it('checks only checkboxes and radios, selects only existing options', () => {
    expect(decide(true, 'check', target({ field: field({ type: 'checkbox' }) }))).toEqual({ ok: true });
    expect(decide(true, 'check', target({ field: field({ type: 'radio' }) }))).toEqual({ ok: true });
    expect(decide(true, 'check', target({ field: field() }))).toEqual({ ok: false, reason: 'not_editable' });
    const select = field({ tagName: 'select', type: '' });
    expect(decide(true, 'select', target({ field: select, hasOption: true }))).toEqual({ ok: true });
    expect(decide(true, 'select', target({ field: select, hasOption: false }))).toEqual({ ok: false, reason: 'no_option' });
    expect(decide(true, 'select', target({ field: field(), hasOption: true }))).toEqual({ ok: false, reason: 'not_editable' });
  });

  it('isTextField', () => {
    expect(isTextField(field({ type: '' }))).toBe(true);
    expect(isTextField(field({ type: 'date' }))).toBe(true);
    expect(isTextField(field({ type: 'radio' }))).toBe(false);
    expect(isTextField(field({ tagName: 'select', type: '' }))).toBe(false);
  });
});

describe('decide: navigation', () => {
  it('lets clicks and Enter stay on this site, refuses other origins and script URLs', () => {
    expect(decide(true, 'click', target())).toEqual({ ok: true });
    expect(decide(true, 'click', target({ navigation: `${ORIGIN}/payment/` }))).toEqual({ ok: true });
    expect(decide(true, 'click', target({ navigation: 'https://evil.example/phish' }))).toEqual({ ok: false, reason: 'cross_origin' });
    expect(decide(true, 'key', target({ navigation: 'https://evil.example/' }))).toEqual({ ok: false, reason: 'cross_origin' });
    expect(decide(true, 'click', target({ navigation: 'javascript:alert(1)' }))).toEqual({ ok: false, reason: 'unsafe_url' });
    expect(decide(true, 'click', target({ isDocument: true }))).toEqual({ ok: false, reason: 'no_target' });
  });

  it('navigationRefusal', () => {
    expect(navigationRefusal(`${ORIGIN}/fire/#main`, ORIGIN)).toBeNull();
    // Another port or scheme is another origin.
    expect(navigationRefusal('https://www.tsunagi-sonpo.example:8443/', ORIGIN)).toBe('cross_origin');
    expect(navigationRefusal('http://www.tsunagi-sonpo.example/', ORIGIN)).toBe('cross_origin');
    expect(navigationRefusal('https://tsunagi-sonpo.example.evil.example/', ORIGIN)).toBe('cross_origin');
    for (const url of ['javascript:alert(1)', ' JAVASCRIPT:void(0)', 'data:text/html,hi', 'vbscript:x', 'blob:https://www.tsunagi-sonpo.example/1', 'mailto:a@b.jp', 'tel:0120', 'not a url']) {
      expect(navigationRefusal(url, ORIGIN), url).toBe('unsafe_url');
    }
  });
});
