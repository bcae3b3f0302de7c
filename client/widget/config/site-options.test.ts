import { describe, expect, it } from 'vitest';
import { currentFrameOrigins, currentParentOrigins, currentSelectors, isWidgetSrc, parseOriginList, readScriptOptions, splitOriginList, splitSelectorList } from './site-options.ts';
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

  it('keeps only exact http(s) origins in an allow-list, normalised', () => {
    expect(
      parseOriginList(['https://Pay.Example.com:443/', 'http://localhost:3000', 'http://127.0.0.1:3000/', 'https://pay.example.com']),
    ).toEqual(['https://pay.example.com', 'http://localhost:3000', 'http://127.0.0.1:3000']);
    // Whoever writes '*' or a path or another scheme gets nothing rather than everything.
    expect(parseOriginList(['*', 'https://*.example.com', 'null', 'https://pay.example.com/checkout', 'file:///x', 'ws://a.example', 'pay.example.com', '', 7])).toEqual([]);
    expect(parseOriginList('https://pay.example.com')).toEqual([]);
    expect(splitOriginList(' https://a.example  https://b.example,https://c.example ')).toEqual(['https://a.example', 'https://b.example', 'https://c.example']);
    expect(splitOriginList(null)).toEqual([]);
  });

  it('merges frame and parent origins from the tag and window.TsunagiSettings', () => {
    const tag = {
      getAttribute: (name: string) =>
        ({ 'data-frame-origins': 'https://pay.example.com https://map.example.com', 'data-parent-origins': 'https://www.insurer.example' })[name] ?? null,
      src: 'https://t.example/widget.js',
    } as unknown as HTMLScriptElement;
    const script = readScriptOptions(tag, 'https://www.insurer.example');
    expect(script.origin).toBe('https://t.example');
    expect(script.frameOrigins).toEqual(['https://pay.example.com', 'https://map.example.com']);
    expect(script.parentOrigins).toEqual(['https://www.insurer.example']);
    expect(currentFrameOrigins(script, { frameOrigins: ['https://pay.example.com', 'https://addr.example'] })).toEqual([
      'https://pay.example.com',
      'https://map.example.com',
      'https://addr.example',
    ]);
    expect(currentParentOrigins(script, { parentOrigins: 'https://x.example' })).toEqual(['https://www.insurer.example']);
    expect(currentFrameOrigins({ frameOrigins: [] }, undefined)).toEqual([]);
    expect(readScriptOptions(null, 'https://www.insurer.example').frameOrigins).toEqual([]);
  });
});
