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
});
