import { describe, expect, it } from 'vitest';
import { linkify, safeHttpUrl } from './chat-links.ts';

describe('linkify', () => {
  it('leaves plain text (Japanese included) as one text segment', () => {
    expect(linkify('カード番号の欄がわかりません')).toEqual([{ kind: 'text', text: 'カード番号の欄がわかりません' }]);
    expect(linkify('')).toEqual([]);
  });

  it('links http(s) URLs and keeps the text around them', () => {
    expect(linkify('こちらをご覧ください https://example.jp/faq?id=3#a 。')).toEqual([
      { kind: 'text', text: 'こちらをご覧ください ' },
      { kind: 'link', text: 'https://example.jp/faq?id=3#a', href: 'https://example.jp/faq?id=3#a' },
      { kind: 'text', text: ' 。' },
    ]);
    expect(linkify('see http://a.example/x and https://b.example/y')).toMatchObject([
      { kind: 'text', text: 'see ' },
      { kind: 'link', href: 'http://a.example/x' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', href: 'https://b.example/y' },
    ]);
  });

  it('stops at Japanese punctuation and sentence punctuation', () => {
    expect(linkify('詳細はhttps://example.jp/a。ご確認ください')[1]).toEqual({ kind: 'link', text: 'https://example.jp/a', href: 'https://example.jp/a' });
    expect(linkify('（https://example.jp/b）')[1]).toMatchObject({ href: 'https://example.jp/b' });
    expect(linkify('Go to https://example.com/help.')).toEqual([
      { kind: 'text', text: 'Go to ' },
      { kind: 'link', text: 'https://example.com/help', href: 'https://example.com/help' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('(see https://en.example.org/wiki/Foo_(bar))')[1]).toMatchObject({ text: 'https://en.example.org/wiki/Foo_(bar)' });
  });

  it('never links script, data or other non-http URLs', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'www.example.jp',
      'mailto:a@example.jp',
    ]) {
      expect(linkify(text).every((s) => s.kind === 'text'), text).toBe(true);
    }
    // A script URL dressed up after an http prefix is not made a link either.
    expect(linkify('xhttps://evil.example/')).toEqual([{ kind: 'text', text: 'xhttps://evil.example/' }]);
    expect(linkify('javascript:https://evil.example/').filter((s) => s.kind === 'link')).toEqual([]);
  });

  it('keeps markup as text: it is never parsed', () => {
    const segments = linkify('<img src=x onerror=alert(1)> https://example.jp/"><script>');
    expect(segments[0]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)> ' });
    expect(segments[1]).toMatchObject({ kind: 'link', href: 'https://example.jp/' });
    expect(segments.map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)> https://example.jp/"><script>');
  });
});

describe('safeHttpUrl', () => {
  it('accepts only absolute http(s) URLs without credentials', () => {
    expect(safeHttpUrl('https://example.jp')).toBe('https://example.jp/');
    expect(safeHttpUrl('http://例え.jp/パス')).toMatch(/^http:\/\/xn--/);
    expect(safeHttpUrl('https://bank.example@evil.example/')).toBeNull();
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    expect(safeHttpUrl('https://')).toBeNull();
  });
});
