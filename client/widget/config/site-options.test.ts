import { describe, expect, it } from 'vitest';
import { currentSelectors, isWidgetSrc, splitSelectorList } from './site-options.ts';
import { langOf } from '../session/page-info.ts';

describe('site options', () => {
  it('splits a selector list on top-level commas only', () => {
    expect(splitSelectorList('#a, .b ,, input[name="x,y"], :is(.c, .d)')).toEqual(['#a', '.b', 'input[name="x,y"]', ':is(.c, .d)']);
    expect(splitSelectorList(null)).toEqual([]);
    expect(splitSelectorList('')).toEqual([]);
  });

  it('merges the script attributes with window.TsunagiSettings, ignoring junk', () => {
    const script = { origin: 'https://t.example', mask: ['#a'], block: [] };
    expect(currentSelectors(script, { mask: ['.m', 3], block: ['.b'] })).toEqual({ mask: ['#a', '.m'], block: ['.b'] });
    expect(currentSelectors(script, undefined)).toEqual({ mask: ['#a'], block: [] });
    expect(currentSelectors(script, 'nonsense')).toEqual({ mask: ['#a'], block: [] });
  });

  it('recognises our script by its path', () => {
    expect(isWidgetSrc('https://t.example/widget.js')).toBe(true);
    expect(isWidgetSrc('https://t.example/static/widget.js?v=3')).toBe(true);
    expect(isWidgetSrc('https://t.example/mywidget.js')).toBe(false);
  });

  it('picks English only for an en* page language', () => {
    expect(langOf('en')).toBe('en');
    expect(langOf('en-GB')).toBe('en');
    expect(langOf('EN-us')).toBe('en');
    expect(langOf('ja')).toBe('ja');
    expect(langOf('')).toBe('ja');
    expect(langOf(undefined)).toBe('ja');
    expect(langOf('fr')).toBe('ja');
  });
});
