import { describe, expect, it } from 'vitest';
import { AttributeEchoFilter } from './attribute-echoes.ts';

/** Attributes as rrweb serialized them (snapshot or add): nodeId → attributes. */
const serialized = new Map<number, Record<string, unknown>>([
  [10, { name: 'postalCode', value: '***', class: 'input' }],
  [11, { name: 'address', class: 'input' }],
]);
const recorded = (id: number, name: string) => {
  const node = serialized.get(id);
  return node ? (node[name] ?? null) : undefined;
};

const mutation = (data: Record<string, unknown>) => ({ type: 3, data: { source: 0, texts: [], removes: [], adds: [], attributes: [], ...data } });

describe('AttributeEchoFilter', () => {
  it("drops React's re-set of every input's name, keeps the real change beside it", () => {
    const filter = new AttributeEchoFilter(recorded);
    const event = mutation({
      attributes: [
        { id: 10, attributes: { value: '****', name: 'postalCode' } },
        { id: 11, attributes: { name: 'address' } },
      ],
    });
    expect(filter.keep(event)).toBe(true);
    expect(event.data.attributes).toEqual([{ id: 10, attributes: { value: '****' } }]);
  });

  it('drops a mutation left with nothing in it, and passes other events untouched', () => {
    const filter = new AttributeEchoFilter(recorded);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { name: 'address' } }] }))).toBe(false);
    expect(filter.keep(mutation({ texts: [{ id: 3, value: 'x' }], attributes: [{ id: 11, attributes: { name: 'address' } }] }))).toBe(true);
    expect(filter.keep({ type: 3, data: { source: 2, type: 1, id: 11 } })).toBe(true);
    expect(filter.keep({ type: 4, data: { href: 'https://x.example/' } })).toBe(true);
  });

  it('compares with the last value it let through: a change back is sent, its echo is not', () => {
    const filter = new AttributeEchoFilter(recorded);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { class: 'input input--error' } }] }))).toBe(true);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { class: 'input input--error' } }] }))).toBe(false);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { class: 'input' } }] }))).toBe(true);
    // Removed (null), then removed again.
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { class: null } }] }))).toBe(true);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { class: null } }] }))).toBe(false);
  });

  it('drops the removal of an attribute the node never had (React, for an input without a name)', () => {
    const filter = new AttributeEchoFilter(recorded);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { id: null } }] }))).toBe(false);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { id: 'street' } }] }))).toBe(true);
  });

  it('keeps what it cannot compare: unknown nodes, style diffs', () => {
    const filter = new AttributeEchoFilter(recorded);
    expect(filter.keep(mutation({ attributes: [{ id: 99, attributes: { name: 'x' } }] }))).toBe(true);
    expect(filter.keep(mutation({ attributes: [{ id: 10, attributes: { style: { color: 'red' } } }] }))).toBe(true);
  });

  it('starts again from the serialized value when a node is added again, or after a full snapshot', () => {
    const filter = new AttributeEchoFilter(recorded);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { name: 'street' } }] }))).toBe(true);
    // rrweb serialized node 11 afresh (moved), with the attributes it has now: its serialized value is what counts.
    serialized.set(11, { name: 'street', class: 'input' });
    expect(filter.keep(mutation({ adds: [{ parentId: 1, node: { id: 5, childNodes: [{ id: 11 }] } }] }))).toBe(true);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { name: 'street' } }] }))).toBe(false);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { name: 'address' } }] }))).toBe(true);
    expect(filter.keep({ type: 2, data: { node: { id: 1 } } })).toBe(true);
    expect(filter.keep(mutation({ attributes: [{ id: 11, attributes: { name: 'street' } }] }))).toBe(false);
    serialized.set(11, { name: 'address', class: 'input' });
  });
});
