import { describe, expect, it } from 'vitest';
import { safeHref, splitLinks } from './chat-links.ts';

describe('chat links', () => {
  it('leaves text without URLs alone', () => {
    expect(splitLinks('こんにちは')).toEqual([{ kind: 'text', text: 'こんにちは' }]);
    expect(splitLinks('')).toEqual([]);
  });

  it('links http and https URLs, ending at Japanese text and sentence punctuation', () => {
    expect(splitLinks('詳しくは https://example.jp/faq?q=1 をご覧ください')).toEqual([
      { kind: 'text', text: '詳しくは ' },
      { kind: 'link', text: 'https://example.jp/faq?q=1', href: 'https://example.jp/faq?q=1' },
      { kind: 'text', text: ' をご覧ください' },
    ]);
    expect(splitLinks('http://example.jp/aをご覧ください。')).toEqual([
      { kind: 'link', text: 'http://example.jp/a', href: 'http://example.jp/a' },
      { kind: 'text', text: 'をご覧ください。' },
    ]);
    expect(splitLinks('See https://example.com/help.')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/help', href: 'https://example.com/help' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps a closing bracket that belongs to the URL', () => {
    expect(splitLinks('https://en.wikipedia.org/wiki/Foo_(bar)')[0]).toMatchObject({ text: 'https://en.wikipedia.org/wiki/Foo_(bar)' });
    expect(splitLinks('(https://example.com)')).toEqual([
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'https://example.com', href: 'https://example.com/' },
      { kind: 'text', text: ')' },
    ]);
  });

  it('never links other schemes or markup', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'mailto:a@b.jp', '<a href="x">x</a>', 'file:///etc/passwd']) {
      expect(splitLinks(text)).toEqual([{ kind: 'text', text }]);
    }
    expect(safeHref('https://')).toBeNull();
    expect(safeHref('javascript://example.com/%0Aalert(1)')).toBeNull();
  });
});
