// The tile cache on its own: hits, least-recently-used eviction by bytes, one computation per
// tile at a time, no tile kept when a change reached it while it was computed, and a change
// dropping only the tiles it reaches.
import { describe, expect, it } from 'vitest';
import { createTileCache, extentOfNotice, type Extent } from './tile-cache.ts';

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

/** What a tile draws, in degrees: Jiawang, a tile west of it, and Tongshan further south. */
const here: Extent = [117.44, 34.39, 117.47, 34.42];
const west: Extent = [117.41, 34.39, 117.44, 34.42];
const south: Extent = [117.2, 34.1, 117.3, 34.2];

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
    const first = await cache.get('a', here, compute);
    const second = await cache.get('a', here, compute);
    expect(second).toBe(first);
    expect(computed).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, bytes: 10 });
  });

  it('drops the least recently used tiles when over its bytes', async () => {
    const cache = createTileCache(25);
    await cache.get('a', here, () => Promise.resolve(bytes(10)));
    await cache.get('b', here, () => Promise.resolve(bytes(10)));
    await cache.get('a', here, () => Promise.resolve(bytes(10))); // a is now the most recent
    await cache.get('c', here, () => Promise.resolve(bytes(10))); // 30 bytes: b goes
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 20 });
    let recomputed = '';
    await cache.get('b', here, () => ((recomputed += 'b'), Promise.resolve(bytes(10))));
    await cache.get('c', here, () => ((recomputed += 'c'), Promise.resolve(bytes(10))));
    expect(recomputed).toBe('b');
    // A tile larger than the whole cache is served but not kept.
    await cache.get('huge', here, () => Promise.resolve(bytes(100)));
    expect(cache.stats().bytes).toBeLessThanOrEqual(25);
  });

  it('lets concurrent requests for one tile share one computation', async () => {
    const cache = createTileCache(1024);
    const running = deferred();
    let started = 0;
    const compute = () => (started++, running.promise);
    const requests = [
      cache.get('a', here, compute),
      cache.get('a', here, compute),
      cache.get('a', here, compute),
    ];
    running.finish(bytes(5));
    const tiles = await Promise.all(requests);
    expect(started).toBe(1);
    expect(tiles[1]).toBe(tiles[0]);
    expect(cache.stats()).toMatchObject({ misses: 1, shared: 2, entries: 1 });
  });

  it('keeps no tile computed while the register changed, and forgets all on a change', async () => {
    const cache = createTileCache(1024);
    await cache.get('kept', here, () => Promise.resolve(bytes(4)));
    const running = deferred();
    const stale = cache.get('stale', here, () => running.promise);
    cache.invalidate(null); // a change committed while "stale" was being computed
    running.finish(bytes(4, 7));
    expect((await stale)[0]).toBe(7); // served to the request that asked,
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, generation: 1 }); // kept nowhere
    // After the change a new computation starts rather than joining the old one.
    let again = 0;
    await cache.get('stale', here, () => (again++, Promise.resolve(bytes(4))));
    expect(again).toBe(1);
  });

  it('keeps nothing with no memory, and still shares concurrent computations', async () => {
    const cache = createTileCache(0);
    const running = deferred();
    const both = [
      cache.get('a', here, () => running.promise),
      cache.get('a', here, () => running.promise),
    ];
    running.finish(bytes(3));
    await Promise.all(both);
    await cache.get('a', here, () => Promise.resolve(bytes(3)));
    expect(cache.stats()).toMatchObject({ entries: 0, misses: 2, shared: 1 });
  });

  it('drops only the tiles a change reaches', async () => {
    const cache = createTileCache(1024);
    await cache.get('here', here, () => Promise.resolve(bytes(4)));
    await cache.get('west', west, () => Promise.resolve(bytes(4)));
    await cache.get('south', south, () => Promise.resolve(bytes(4)));
    cache.invalidate([117.45, 34.4, 117.46, 34.41]); // a parcel inside "here" only
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 8, dropped: 1 });
    let recomputed = '';
    for (const [key, reach] of [
      ['here', here],
      ['west', west],
      ['south', south],
    ] as const)
      await cache.get(key, reach, () => ((recomputed += key), Promise.resolve(bytes(4))));
    expect(recomputed).toBe('here');
    // A change on the edge two tiles share reaches both.
    cache.invalidate([117.439, 34.395, 117.441, 34.4]);
    expect(cache.stats()).toMatchObject({ entries: 1, dropped: 3 });
    cache.invalidate(null); // unknown: everything
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, dropped: 4 });
  });

  it('keeps a tile computed while a change elsewhere was announced, not one it reached', async () => {
    const cache = createTileCache(1024);
    const a = deferred();
    const b = deferred();
    const kept = cache.get('here', here, () => a.promise);
    const stale = cache.get('west', west, () => b.promise);
    cache.invalidate([117.42, 34.4, 117.43, 34.41]); // inside "west" only
    a.finish(bytes(4));
    b.finish(bytes(4));
    await Promise.all([kept, stale]);
    expect(cache.stats()).toMatchObject({ entries: 1, misses: 2 });
    let again = 0;
    await cache.get('here', here, () => (again++, Promise.resolve(bytes(4))));
    expect(again).toBe(0);
  });

  it('reads the extent of a change notice, and takes anything else for "everything"', () => {
    expect(extentOfNotice('117.4,34.39,117.47,34.42')).toEqual([117.4, 34.39, 117.47, 34.42]);
    expect(extentOfNotice('-1.5e-3,2,3,4')).toEqual([-0.0015, 2, 3, 4]);
    for (const payload of [null, '', 'x', '1,2,3', '1,2,3,4,5', '3,2,1,4', '1,2,3,NaN'])
      expect(extentOfNotice(payload), String(payload)).toBeNull();
  });
});
