import { describe, expect, it } from 'vitest';
import { WatchFeed } from './watch-feed.ts';

const batch = (seq: number, streamId = 's1') => ({ streamId, seq });

describe('WatchFeed', () => {
  it('parks pushes that beat the watch ack, then feeds checkpoint first without the overlap', () => {
    const delivered: number[] = [];
    const feed = new WatchFeed<{ streamId: string; seq: number }>((b) => delivered.push(b.seq));
    feed.beginWatch();
    feed.push(batch(11));
    feed.push(batch(12));
    expect(delivered).toEqual([]);
    feed.checkpoint([batch(9), batch(10), batch(11)]);
    expect(delivered).toEqual([9, 10, 11, 12]);
    feed.push(batch(13));
    expect(delivered).toEqual([9, 10, 11, 12, 13]);
  });

  it('after a reconnect, a re-watch adds only what was missed', () => {
    const delivered: number[] = [];
    const feed = new WatchFeed<{ streamId: string; seq: number }>((b) => delivered.push(b.seq));
    feed.beginWatch();
    feed.checkpoint([batch(1), batch(2)]);
    feed.push(batch(3));
    // connection drops; batches 4 and 5 are stored but never pushed to us
    feed.beginWatch();
    feed.push(batch(6));
    feed.checkpoint([batch(1), batch(2), batch(3), batch(4), batch(5)]);
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('releases parked pushes if the watch fails', () => {
    const delivered: number[] = [];
    const feed = new WatchFeed<{ streamId: string; seq: number }>((b) => delivered.push(b.seq));
    feed.beginWatch();
    feed.push(batch(1));
    feed.abortWatch();
    expect(delivered).toEqual([1]);
  });

  it('delivers a stream again from its checkpoint when told to rewind it (a switch to another tab)', () => {
    const delivered: string[] = [];
    const feed = new WatchFeed<{ streamId: string; seq: number }>((b) => delivered.push(`${b.streamId}:${b.seq}`));
    feed.beginWatch();
    feed.checkpoint([batch(1, 'a')]);
    // Tab b's batches went by while the view showed tab a.
    feed.push(batch(7, 'b'));
    feed.push(batch(8, 'b'));
    feed.beginWatch();
    feed.push(batch(9, 'b'));
    feed.checkpoint([batch(5, 'b'), batch(6, 'b'), batch(7, 'b'), batch(8, 'b')], 'b');
    expect(delivered).toEqual(['a:1', 'b:7', 'b:8', 'b:5', 'b:6', 'b:7', 'b:8', 'b:9']);
  });
});
