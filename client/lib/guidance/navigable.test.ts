import { describe, expect, it } from 'vitest';
import {
  accessibleName,
  cleanText,
  moveFocus,
  navigableItems,
  navRole,
  placement,
  revealScroll,
  type NavCandidate,
  type NavItem,
} from './navigable.ts';

let nextId = 1;

/** A replayed element as the DOM side reads it; `top` places it on the page (the viewport is 800 high). */
function el(tagName: string, over: Partial<Omit<NavCandidate, 'facts'>> & { type?: string; top?: number; autocomplete?: string; underMask?: boolean; blocked?: boolean; disabled?: boolean } = {}): NavCandidate {
  const { type = '', top = 0, autocomplete = '', underMask = false, blocked = false, disabled = false, ...rest } = over;
  return {
    nodeId: nextId++,
    facts: { tagName, type, autocomplete, underMask, disabled, readOnly: false, blocked },
    role: '',
    rendered: true,
    href: false,
    tabIndex: null,
    contentEditable: false,
    ariaLevel: null,
    multiple: false,
    ariaLabel: '',
    labelledBy: '',
    labelText: '',
    text: '',
    alt: '',
    title: '',
    placeholder: '',
    value: '',
    selectedText: '',
    checked: false,
    required: false,
    invalid: false,
    labelFor: null,
    box: { left: 20, top, width: 200, height: 30 },
    frame: null,
    ...rest,
  };
}

const roleOf = (c: NavCandidate) => navRole(c)?.role ?? null;

describe('which replayed elements are stops', () => {
  it('takes links, buttons, fields, headings and labels, as the customer would meet them', () => {
    expect(roleOf(el('a', { href: true }))).toBe('link');
    expect(roleOf(el('a'))).toBeNull();
    expect(roleOf(el('button'))).toBe('button');
    expect(roleOf(el('summary'))).toBe('button');
    expect(roleOf(el('input', { type: 'submit' }))).toBe('button');
    expect(roleOf(el('input', { type: '' }))).toBe('textbox');
    expect(roleOf(el('input', { type: 'email' }))).toBe('textbox');
    expect(roleOf(el('input', { type: 'checkbox' }))).toBe('checkbox');
    expect(roleOf(el('input', { type: 'radio' }))).toBe('radio');
    expect(roleOf(el('input', { type: 'hidden' }))).toBeNull();
    expect(roleOf(el('textarea'))).toBe('textbox');
    expect(roleOf(el('select'))).toBe('combobox');
    expect(roleOf(el('select', { multiple: true }))).toBe('listbox');
    expect(navRole(el('h3'))).toEqual({ role: 'heading', level: 3 });
    expect(roleOf(el('label'))).toBe('label');
  });

  it('follows ARIA roles, tabindex and contenteditable; ignores plain text and landmarks', () => {
    expect(roleOf(el('div', { role: 'button' }))).toBe('button');
    expect(navRole(el('div', { role: 'heading', ariaLevel: 4 }))).toEqual({ role: 'heading', level: 4 });
    expect(navRole(el('div', { role: 'heading' }))).toEqual({ role: 'heading', level: 2 });
    expect(roleOf(el('span', { role: 'switch' }))).toBe('switch');
    expect(roleOf(el('h2', { role: 'presentation' }))).toBeNull();
    expect(roleOf(el('div', { tabIndex: 0 }))).toBe('focusable');
    expect(roleOf(el('div', { tabIndex: -1 }))).toBeNull();
    expect(roleOf(el('div', { contentEditable: true }))).toBe('textbox');
    expect(roleOf(el('div', { role: 'region' }))).toBeNull();
    expect(roleOf(el('p'))).toBeNull();
    expect(roleOf(el('div', { role: 'constructor' }))).toBeNull();
  });

  it('marks blocked placeholders, whatever their tag', () => {
    expect(roleOf(el('figure', { blocked: true }))).toBe('blocked');
    expect(roleOf(el('input', { blocked: true }))).toBe('blocked');
  });

  it('leaves out what is not drawn', () => {
    const hidden = el('button', { rendered: false, text: 'Hidden' });
    const shown = el('button', { text: 'Shown' });
    expect(navigableItems([hidden, shown]).map((item) => item.name)).toEqual(['Shown']);
  });
});

describe('names', () => {
  it('prefers aria-labelledby, then aria-label, then the label or the text', () => {
    expect(accessibleName(el('button', { labelledBy: ' 次へ ', ariaLabel: 'x', text: 'y' }), 'button')).toBe('次へ');
    expect(accessibleName(el('button', { ariaLabel: '閉じる', text: '×' }), 'button')).toBe('閉じる');
    expect(accessibleName(el('input', { labelText: '建物の所在地\n必須', placeholder: '例' }), 'textbox')).toBe('建物の所在地 必須');
    expect(accessibleName(el('input', { placeholder: '郵便番号' }), 'textbox')).toBe('郵便番号');
    expect(accessibleName(el('input', { type: 'submit', value: '送信' }), 'button')).toBe('送信');
    expect(accessibleName(el('a', { href: true, alt: 'ホーム' }), 'link')).toBe('ホーム');
    expect(accessibleName(el('a', { href: true, text: '  お支払い\n 方法 ' }), 'link')).toBe('お支払い 方法');
    expect(accessibleName(el('div', { blocked: true, text: 'never' }), 'blocked')).toBe('');
  });

  it('shortens long names at a character, not a byte', () => {
    expect(cleanText('あ'.repeat(100))).toBe(`${'あ'.repeat(79)}…`);
    expect(cleanText('short')).toBe('short');
  });

  it('tells values and states, but never a protected value', () => {
    const [address, card, structure, box] = navigableItems([
      el('input', { labelText: '住所', value: '東京都', required: true, invalid: true }),
      el('input', { labelText: 'カード番号', value: '****', autocomplete: 'cc-number' }),
      el('select', { labelText: '構造', selectedText: 'M構造' }),
      el('input', { type: 'checkbox', labelText: '地震保険', checked: true }),
    ]);
    expect(address).toMatchObject({ role: 'textbox', value: '東京都', required: true, invalid: true, control: 'text' });
    expect(card).toMatchObject({ role: 'textbox', value: null, control: 'protected' });
    expect(structure).toMatchObject({ role: 'combobox', value: 'M構造', control: 'select' });
    expect(box).toMatchObject({ role: 'checkbox', checked: true, control: 'checkbox' });
  });

  it('shows masked, blocked and password fields as not controllable', () => {
    const items = navigableItems([
      el('input', { type: 'password', labelText: 'パスワード' }),
      el('input', { labelText: '口座番号', underMask: true }),
      el('figure', { blocked: true }),
      el('button', { text: '送信', disabled: true }),
    ]);
    expect(items.map((item) => item.control)).toEqual(['protected', 'protected', 'protected', 'click']);
    expect(items[3]!.disabled).toBe(true);
  });
});

describe('order', () => {
  it("keeps the customer's document order", () => {
    const items = navigableItems([
      el('h1', { text: '火災保険', top: 10 }),
      el('a', { href: true, text: 'ホーム', top: 0 }),
      el('input', { labelText: '住所', top: 300 }),
      el('button', { text: '送信', top: 200 }),
    ]);
    expect(items.map((item) => item.name)).toEqual(['火災保険', 'ホーム', '住所', '送信']);
  });

  it('folds a label into its field when the field is a stop', () => {
    const field = el('input', { labelText: 'お名前' });
    const label = el('label', { text: 'お名前', labelFor: field.nodeId });
    expect(navigableItems([label, field]).map((item) => [item.role, item.name])).toEqual([['textbox', 'お名前']]);
  });

  it('lets a label speak for a field the page hides (a check box drawn as a card)', () => {
    const box = el('input', { type: 'checkbox', rendered: false, checked: true, required: true });
    const label = el('label', { text: '家財も補償する', labelFor: box.nodeId });
    const [item] = navigableItems([box, label]);
    expect(item).toMatchObject({ nodeId: label.nodeId, role: 'checkbox', name: '家財も補償する', checked: true, required: true, control: 'click' });

    const secret = el('input', { type: 'password', rendered: false });
    const secretLabel = el('label', { text: '暗証番号', labelFor: secret.nodeId });
    expect(navigableItems([secret, secretLabel])[0]).toMatchObject({ role: 'textbox', control: 'protected' });

    const loose = el('label', { text: '注意事項' });
    expect(navigableItems([loose])[0]).toMatchObject({ role: 'label', name: '注意事項', control: 'click' });
  });

  it("says which frame a stop is in, for a frame's stops and a label speaking for a frame's field", () => {
    const top = el('h2', { text: '新しいご住所' });
    const field = el('input', { labelText: '番地・建物名', frame: '  新しいご住所の\n入力 ' });
    const box = el('input', { type: 'checkbox', rendered: false, frame: '' });
    const label = el('label', { text: '本人確認に同意する', labelFor: box.nodeId, frame: '' });
    expect(navigableItems([top, field, box, label]).map((item) => [item.name, item.frame])).toEqual([
      ['新しいご住所', null],
      ['番地・建物名', '新しいご住所の 入力'],
      ['本人確認に同意する', ''],
    ]);
  });
});

describe('moving', () => {
  const at = (top: number, role: NavItem['role'], nodeId: number): NavItem => ({
    nodeId,
    role,
    level: role === 'heading' ? 2 : null,
    name: `${role}-${nodeId}`,
    value: null,
    checked: null,
    disabled: false,
    required: false,
    invalid: false,
    control: 'click',
    box: { left: 0, top, width: 100, height: 20 },
    frame: null,
  });
  // The customer has scrolled: the first two are above their viewport (0–800), the last below it.
  const items = [at(-600, 'heading', 1), at(-300, 'link', 2), at(100, 'textbox', 3), at(300, 'heading', 4), at(500, 'button', 5), at(1200, 'checkbox', 6)];
  const move = (current: number | null, how: Parameters<typeof moveFocus>[2]) => {
    const index = moveFocus(items, current, how, 800);
    return index === null ? null : items[index]!.nodeId;
  };

  it('steps to the next and previous stop, and stops at the ends', () => {
    expect(move(3, 'next')).toBe(4);
    expect(move(3, 'previous')).toBe(2);
    expect(move(6, 'next')).toBeNull();
    expect(move(1, 'previous')).toBeNull();
    expect(move(4, 'first')).toBe(1);
    expect(move(4, 'last')).toBe(6);
  });

  it('starts where the customer is looking', () => {
    expect(move(null, 'next')).toBe(3);
    expect(move(null, 'previous')).toBe(5);
    expect(move(999, 'next')).toBe(3);
  });

  it('jumps by heading and by form field', () => {
    expect(move(1, 'nextHeading')).toBe(4);
    expect(move(4, 'nextHeading')).toBeNull();
    expect(move(5, 'previousHeading')).toBe(4);
    expect(move(2, 'nextField')).toBe(3);
    expect(move(3, 'nextField')).toBe(6);
    expect(move(null, 'nextHeading')).toBe(4);
    expect(move(null, 'previousField')).toBe(3);
    expect(moveFocus([], null, 'next', 800)).toBeNull();
  });
});

describe('placement and revealing', () => {
  const viewport = { width: 1200, height: 800 };
  const extent = { maxTop: 3000, maxLeft: 0 };

  it('tells whether the customer sees an element', () => {
    expect(placement({ left: 0, top: -50, width: 10, height: 40 }, viewport)).toBe('above');
    expect(placement({ left: 0, top: -20, width: 10, height: 40 }, viewport)).toBe('visible');
    expect(placement({ left: 0, top: 800, width: 10, height: 40 }, viewport)).toBe('below');
  });

  it('scrolls an element into the middle of the page, and not at all if it shows whole', () => {
    expect(revealScroll({ left: 20, top: 100, width: 300, height: 40 }, viewport, { top: 500, left: 0 }, extent)).toBeNull();
    expect(revealScroll({ left: 20, top: 1000, width: 300, height: 40 }, viewport, { top: 500, left: 0 }, extent)).toEqual({ top: 1120, left: 0 });
    expect(revealScroll({ left: 20, top: -200, width: 300, height: 40 }, viewport, { top: 500, left: 0 }, extent)).toEqual({ top: 0, left: 0 });
    // Taller than the viewport: its top edge, with a margin.
    expect(revealScroll({ left: 20, top: 900, width: 300, height: 1000 }, viewport, { top: 0, left: 0 }, extent)).toEqual({ top: 884, left: 0 });
    // Never past the end of the page.
    expect(revealScroll({ left: 20, top: 3500, width: 300, height: 40 }, viewport, { top: 500, left: 0 }, extent)).toEqual({ top: 3000, left: 0 });
  });
});
