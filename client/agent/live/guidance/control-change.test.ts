import { describe, expect, it } from 'vitest';
import { controlChange, effectiveMode } from './control-change.ts';

describe('control state changes', () => {
  it('tells the agent when the customer grants control', () => {
    expect(controlChange('requested', 'granted', false)).toBe('granted');
  });

  it('tells the agent the customer declined or took control back', () => {
    expect(controlChange('requested', 'off', false)).toBe('declined');
    expect(controlChange('granted', 'off', false)).toBe('revoked');
  });

  it('says nothing when the agent released or cancelled', () => {
    expect(controlChange('granted', 'off', true)).toBeNull();
    expect(controlChange('requested', 'off', true)).toBeNull();
    expect(controlChange('off', 'requested', false)).toBeNull();
    expect(controlChange('off', 'off', false)).toBeNull();
  });

  it('falls back from remote control when control is not granted', () => {
    expect(effectiveMode('control', 'granted')).toBe('control');
    expect(effectiveMode('control', 'off')).toBe('guide');
    expect(effectiveMode('control', 'requested')).toBe('guide');
    expect(effectiveMode('view', 'granted')).toBe('view');
  });
});
