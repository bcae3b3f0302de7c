/**
 * Drops attribute "changes" that leave an attribute as the recording already
 * has it.
 *
 * React re-assigns every controlled input's `name` on each render, by way of
 * an empty string (`el.name = ''; el.name = 'postalCode'`, so that radio
 * groups never overlap). The DOM reports two changes; rrweb skips the first
 * (its value is back to the old one by the time it looks) but records the
 * second, whose old value is the empty string. A keystroke in a React form
 * thus emits one attribute mutation naming every input of the form, with
 * the values they already had: 47 % of the incremental bytes of the
 * benchmark's form flow (docs/performance.md). None of it changes what the
 * agent sees.
 *
 * The filter knows the value the recording holds for an attribute: the last
 * one it let through, or else the one in rrweb's serialized node (from the
 * full snapshot or the mutation that added the node — rrweb does not update
 * those on attribute changes). Only a value equal to that is dropped, so a
 * real change always passes. It runs after masking, on the values as sent.
 *
 * Plain data in, plain data out: the widget feeds it rrweb's mirror, the
 * benchmark's fixture recorder a map built from the recorded events.
 */

// rrweb's numeric enums (kept local: importing @rrweb/types' enums would add code).
const EVENT_FULL_SNAPSHOT = 2;
const EVENT_INCREMENTAL = 3;
const SOURCE_MUTATION = 0;

/**
 * The value rrweb serialized for a node's attribute when it recorded the
 * node: null if the node had no such attribute, undefined if the node is
 * unknown (then nothing is dropped).
 */
export type RecordedAttribute = (nodeId: number, attribute: string) => unknown;

interface SerializedNode {
  id: number;
  childNodes?: SerializedNode[];
}

interface MutationData {
  source: number;
  adds?: { node: SerializedNode }[];
  removes?: { id: number }[];
  texts?: unknown[];
  attributes?: { id: number; attributes: Record<string, unknown> }[];
}

export class AttributeEchoFilter {
  /** Values let through since the node was serialized: nodeId → attribute → value. */
  private readonly sent = new Map<number, Map<string, unknown>>();

  constructor(private readonly recorded: RecordedAttribute) {}

  /** Trims `event` in place; false when nothing of it is left to send. */
  keep(event: { type: number; data: unknown }): boolean {
    if (event.type === EVENT_FULL_SNAPSHOT) {
      // Everything is serialized afresh.
      this.sent.clear();
      return true;
    }
    if (event.type !== EVENT_INCREMENTAL) return true;
    const data = event.data as MutationData;
    if (data.source !== SOURCE_MUTATION) return true;
    // A node added (or moved) is serialized afresh, with its attributes as they are now.
    for (const add of data.adds ?? []) this.forgetTree(add.node);
    for (const remove of data.removes ?? []) this.sent.delete(remove.id);
    if (data.attributes) {
      data.attributes = data.attributes.filter((change) => this.trim(change));
    }
    return Boolean(data.adds?.length || data.removes?.length || data.texts?.length || data.attributes?.length);
  }

  /** Drops the attributes of one change that echo the recorded value; false when none is left. */
  private trim(change: { id: number; attributes: Record<string, unknown> }): boolean {
    let node = this.sent.get(change.id);
    for (const [name, value] of Object.entries(change.attributes)) {
      // Style changes travel as diffs of properties, not as a value to compare.
      if (typeof value === 'object' && value !== null) continue;
      const previous = node?.has(name) ? node.get(name) : this.recorded(change.id, name);
      if (previous !== undefined && previous === value) {
        delete change.attributes[name];
        continue;
      }
      if (!node) this.sent.set(change.id, (node = new Map<string, unknown>()));
      node.set(name, value);
    }
    return Object.keys(change.attributes).length > 0;
  }

  private forgetTree(node: SerializedNode): void {
    this.sent.delete(node.id);
    for (const child of node.childNodes ?? []) this.forgetTree(child);
  }
}
