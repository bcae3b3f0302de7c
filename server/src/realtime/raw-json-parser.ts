import * as parser from 'socket.io-parser';

/**
 * Socket.IO's parser, except that an event payload may carry fields whose
 * value is already JSON text (`rawJson(text)`): the encoder splices that text
 * in as it is instead of serialising the objects again.
 *
 * Why: a customer's batch is serialised once for the store; relaying it to the
 * viewers used to serialise the same events a second time, and Socket.IO's
 * encoder first walks every value of the payload looking for binary data.
 * At a thousand sessions the two were a tenth of the server's main thread.
 * The wire format is unchanged — viewers receive ordinary JSON — so clients
 * use the stock parser. The marker is a plain property, not a class, because
 * the Redis adapter hands packets to other nodes through msgpack.
 */
const RAW_JSON = '__tsunagiRawJson';

export interface RawJson {
  readonly [RAW_JSON]: string;
}

/** Marks text that is known to be valid JSON (it came from JSON.stringify). */
export function rawJson(json: string): RawJson {
  return { [RAW_JSON]: json };
}

function isRawJson(value: unknown): value is RawJson {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[RAW_JSON] === 'string';
}

/** A payload object with at least one top-level raw field, or undefined. */
function rawFieldsOf(payload: unknown): string[] | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  let raw: string[] | undefined;
  for (const key in payload) {
    if (isRawJson((payload as Record<string, unknown>)[key])) (raw ??= []).push(key);
  }
  return raw;
}

class Encoder extends parser.Encoder {
  override encode(packet: parser.Packet): unknown[] {
    const data: unknown = packet.data;
    if (packet.type === parser.PacketType.EVENT && Array.isArray(data) && data.length === 2 && typeof data[0] === 'string') {
      const rawFields = rawFieldsOf(data[1]);
      if (rawFields) return [encodeSpliced(packet, data[0], data[1] as Record<string, unknown>, rawFields)];
    }
    return super.encode(packet) as unknown[];
  }
}

function encodeSpliced(packet: parser.Packet, event: string, payload: Record<string, unknown>, rawFields: string[]): string {
  const plain: Record<string, unknown> = {};
  for (const key in payload) if (!rawFields.includes(key)) plain[key] = payload[key];
  let object = JSON.stringify(plain).slice(0, -1);
  for (const key of rawFields) {
    object += `${object.length > 1 ? ',' : ''}${JSON.stringify(key)}:${(payload[key] as RawJson)[RAW_JSON]}`;
  }
  object += '}';
  // The same framing as socket.io-parser's encodeAsString for a plain EVENT.
  const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
  const id = packet.id ?? '';
  return `${parser.PacketType.EVENT}${nsp}${id}[${JSON.stringify(event)},${object}]`;
}

/** Pass as Socket.IO's `parser` server option. */
export const rawJsonParser = { Encoder, Decoder: parser.Decoder, protocol: parser.protocol, PacketType: parser.PacketType };
