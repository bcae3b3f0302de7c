import { AttributeEchoFilter } from '../../client/widget/recording/attribute-echoes.ts';
import type { FixtureBatch } from './fixture.ts';

interface SerializedNode {
  id: number;
  attributes?: Record<string, unknown>;
  childNodes?: SerializedNode[];
}

/**
 * What the widget's AttributeEchoFilter would have dropped from a recording:
 * the fixture is recorded with plain rrweb in the page, so the filter runs
 * here, after the fact, with the serialized attributes read from the
 * recorded snapshots and added nodes (as rrweb's mirror holds them in the
 * widget). Events left empty go; so do batches left empty.
 */
export function dropAttributeEchoes(batches: readonly FixtureBatch[]): FixtureBatch[] {
  const serialized = new Map<number, Record<string, unknown>>();
  const remember = (node: SerializedNode) => {
    serialized.set(node.id, node.attributes ?? {});
    for (const child of node.childNodes ?? []) remember(child);
  };
  const filter = new AttributeEchoFilter((id, name) => {
    const attributes = serialized.get(id);
    return attributes ? (attributes[name] ?? null) : undefined;
  });
  return batches
    .map((batch) => ({
      t: batch.t,
      events: batch.events.filter((event) => {
        const data = event.data as { node?: SerializedNode; source?: number; adds?: { node: SerializedNode }[] };
        if (event.type === 2 && data.node) {
          serialized.clear();
          remember(data.node);
        }
        if (event.type === 3 && data.source === 0) for (const add of data.adds ?? []) remember(add.node);
        return filter.keep(event);
      }),
    }))
    .filter((batch) => batch.events.length > 0);
}
