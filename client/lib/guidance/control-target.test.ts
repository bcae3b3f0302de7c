import { describe, expect, it } from 'vitest';
import { controlTarget, isProtectedField, type ElementFacts } from './control-target.ts';

const facts = (over: Partial<ElementFacts>): ElementFacts => ({
  tagName: 'input',
  type: 'text',
  autocomplete: '',
  underMask: false,
  disabled: false,
  readOnly: false,
  ...over,
});

describe('control targets', () => {
  it('opens an editor for text fields and text areas', () => {
    expect(controlTarget(facts({}))).toBe('text');
    expect(controlTarget(facts({ type: '' }))).toBe('text');
    expect(controlTarget(facts({ type: 'email' }))).toBe('text');
    expect(controlTarget(facts({ tagName: 'textarea', type: '' }))).toBe('textarea');
  });

  it('sends check and select for choices', () => {
    expect(controlTarget(facts({ type: 'checkbox' }))).toBe('checkbox');
    expect(controlTarget(facts({ type: 'radio' }))).toBe('radio');
    expect(controlTarget(facts({ tagName: 'select', type: '' }))).toBe('select');
  });

  it('clicks everything else', () => {
    expect(controlTarget(facts({ tagName: 'a', type: '' }))).toBe('click');
    expect(controlTarget(facts({ tagName: 'button', type: 'submit' }))).toBe('click');
    expect(controlTarget(facts({ type: 'submit' }))).toBe('click');
  });

  it('never types into masked fields', () => {
    expect(controlTarget(facts({ type: 'password' }))).toBe('protected');
    expect(controlTarget(facts({ autocomplete: 'section-pay cc-number' }))).toBe('protected');
    expect(controlTarget(facts({ autocomplete: 'one-time-code' }))).toBe('protected');
    expect(controlTarget(facts({ underMask: true, type: 'checkbox' }))).toBe('protected');
    expect(isProtectedField(facts({ tagName: 'div', underMask: true }))).toBe(false);
  });

  it('never acts into what the site blocks from the recording', () => {
    expect(controlTarget(facts({ blocked: true }))).toBe('protected');
    expect(controlTarget(facts({ tagName: 'figure', type: '', blocked: true }))).toBe('protected');
  });

  it('leaves disabled and read-only fields alone', () => {
    expect(controlTarget(facts({ disabled: true }))).toBe('inert');
    expect(controlTarget(facts({ readOnly: true }))).toBe('inert');
    expect(controlTarget(facts({ tagName: 'textarea', type: '', readOnly: true }))).toBe('inert');
  });
});
