// The tile cache on its own: hits, least-recently-used eviction by bytes, one computation per
// tile at a time, and no tile kept when the register changed while it was computed.
import { describe, expect, it } from 'vitest';
import { createTileCache } from './tile-cache.ts';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

/** A computation the test finishes by hand. */
function deferred() {
  let finish!: (tile: Uint8Array) => void;
  const promise = new Promise<Uint8Array>((resolve) => (finish = resolve));
  return { promise, finish };
}

describe('tile cache', () => {
  it('computes a tile once and answers again from memory', async () => {
    const cache = createTileCache(1024);
    let computed = 0;
    const compute = () => Promise.resolve(bytes(10, ++computed));
    const first = await cache.get('a', compute);
    const second = await cache.get('a', compute);
    expect(second).toBe(first);
    expect(computed).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, bytes: 10 });
  });

  it('drops the least recently used tiles when over its bytes', async () => {
    const cache = createTileCache(25);
    await cache.get('a', () => Promise.resolve(bytes(10)));
    await cache.get('b', () => Promise.resolve(bytes(10)));
    await cache.get('a', () => Promise.resolve(bytes(10))); // a is now the most recent
    await cache.get('c', () => Promise.resolve(bytes(10))); // 30 bytes: b goes
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 20 });
    let recomputed = '';
    await cache.get('b', () => ((recomputed += 'b'), Promise.resolve(bytes(10))));
    await cache.get('c', () => ((recomputed += 'c'), Promise.resolve(bytes(10))));
    expect(recomputed).toBe('b');
    // A tile larger than the whole cache is served but not kept.
    await cache.get('huge', () => Promise.resolve(bytes(100)));
    expect(cache.stats().bytes).toBeLessThanOrEqual(25);
  });

  it('lets concurrent requests for one tile share one computation', async () => {
    const cache = createTileCache(1024);
    const running = deferred();
    let started = 0;
    const compute = () => (started++, running.promise);
    const requests = [cache.get('a', compute), cache.get('a', compute), cache.get('a', compute)];
    running.finish(bytes(5));
    const tiles = await Promise.all(requests);
    expect(started).toBe(1);
    expect(tiles[1]).toBe(tiles[0]);
    expect(cache.stats()).toMatchObject({ misses: 1, shared: 2, entries: 1 });
  });

  it('keeps no tile computed while the register changed, and forgets all on a change', async () => {
    const cache = createTileCache(1024);
    await cache.get('kept', () => Promise.resolve(bytes(4)));
    const running = deferred();
    const stale = cache.get('stale', () => running.promise);
    cache.invalidate(); // a change committed while "stale" was being computed
    running.finish(bytes(4, 7));
    expect((await stale)[0]).toBe(7); // served to the request that asked,
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, generation: 1 }); // kept nowhere
    // After the change a new computation starts rather than joining the old one.
    let again = 0;
    await cache.get('stale', () => (again++, Promise.resolve(bytes(4))));
    expect(again).toBe(1);
  });

  it('keeps nothing with no memory, and still shares concurrent computations', async () => {
    const cache = createTileCache(0);
    const running = deferred();
    const both = [cache.get('a', () => running.promise), cache.get('a', () => running.promise)];
    running.finish(bytes(3));
    await Promise.all(both);
    await cache.get('a', () => Promise.resolve(bytes(3)));
    expect(cache.stats()).toMatchObject({ entries: 0, misses: 2, shared: 1 });
  });
});
