import * as parser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { rawJson, rawJsonParser } from './raw-json-parser.ts';

const encode = (packet: parser.Packet): unknown[] => new rawJsonParser.Encoder().encode(packet);
const stock = (packet: parser.Packet): unknown[] => new parser.Encoder().encode(packet) as unknown[];

function decode(encoded: unknown): parser.Packet {
  const decoder = new parser.Decoder();
  let packet: parser.Packet | undefined;
  decoder.on('decoded', (decoded: parser.Packet) => (packet = decoded));
  decoder.add(encoded);
  return packet!;
}

describe('rawJsonParser', () => {
  const events = [{ type: 3, timestamp: 1, data: { text: 'こんにちは "quoted" \\ \u2028' } }];

  it('writes raw fields as the JSON text they are: the same bytes as the stock encoder', () => {
    const payload = { sessionId: 's-1', streamId: 'tab-aaaa', seq: 7, receivedAt: 123, events };
    const spliced = encode({ type: parser.PacketType.EVENT, nsp: '/agent', data: ['replay:batch', { ...payload, events: rawJson(JSON.stringify(events)) }] });
    expect(spliced).toEqual(stock({ type: parser.PacketType.EVENT, nsp: '/agent', data: ['replay:batch', payload] }));
    expect(decode(spliced[0]).data).toEqual(['replay:batch', payload]);
  });

  it('keeps the namespace and ack id framing, and a payload made of raw fields only', () => {
    const spliced = encode({ type: parser.PacketType.EVENT, nsp: '/', id: 12, data: ['x', { a: rawJson('[1,2]'), b: rawJson('null') }] });
    expect(spliced).toEqual(['212["x",{"a":[1,2],"b":null}]']);
  });

  it('leaves every other packet to the stock encoder', () => {
    const packets: parser.Packet[] = [
      { type: parser.PacketType.EVENT, nsp: '/agent', data: ['queue', { waiting: [] }] },
      { type: parser.PacketType.ACK, nsp: '/customer', id: 3, data: [{ ok: true }] },
      { type: parser.PacketType.EVENT, nsp: '/agent', data: ['bin', { file: Buffer.from([1, 2]) }] },
      { type: parser.PacketType.CONNECT, nsp: '/agent', data: { sid: 'abc' } },
    ];
    for (const packet of packets) expect(encode(packet)).toEqual(stock(packet));
  });

  it('survives the trip through msgpack that the Redis adapter makes (a plain marker, not a class)', () => {
    const marker = JSON.parse(JSON.stringify(rawJson('[1]'))) as unknown;
    expect(encode({ type: parser.PacketType.EVENT, nsp: '/', data: ['x', { e: marker }] })).toEqual(['2["x",{"e":[1]}]']);
  });
});
