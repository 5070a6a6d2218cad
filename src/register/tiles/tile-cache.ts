// Vector tiles kept in memory until the register changes. A z10 tile over a mining cluster
// holds thousands of parcels, each transformed, simplified and encoded per request (177 ms
// alone, seconds at 32 clients: docs/benchmarks.md); the same tile for the same view is the
// same bytes until a parcel changes. The database says when that happens (NOTIFY from a
// trigger, migration 0016), so a tile is never served after a change has been announced.
//
// Correctness rests on one rule: a tile computed while the generation moved is not kept. A
// change that commits after the tile's snapshot is announced after that commit, so either it
// arrives before the tile is stored (the generation moved: not kept) or after (the kept tile
// is dropped with the rest).

export interface TileCacheStats {
  /** Answered from memory. */
  hits: number;
  /** Computed for this request. */
  misses: number;
  /** Requests that waited for the same tile another request was computing. */
  shared: number;
  entries: number;
  bytes: number;
  /** How many times the cache was emptied because the register changed (or may have). */
  generation: number;
}

export interface TileCache {
  /** The cached bytes for `key`, or `compute()`'s (one computation per key at a time). */
  get(key: string, compute: () => Promise<Uint8Array>): Promise<Uint8Array>;
  /** Drops every tile: the register changed or may have. */
  invalidate(): void;
  stats(): TileCacheStats;
}

/**
 * A cache of at most `maxBytes` of tiles, least recently used dropped first. `maxBytes` 0 keeps
 * nothing (every request computes; concurrent requests for one tile still share the work).
 */
export function createTileCache(maxBytes: number): TileCache {
  const entries = new Map<string, Uint8Array>(); // insertion order = least recently used first
  const running = new Map<string, Promise<Uint8Array>>();
  let bytes = 0;
  let generation = 0;
  let hits = 0;
  let misses = 0;
  let shared = 0;

  const store = (key: string, tile: Uint8Array): void => {
    if (tile.byteLength > maxBytes) return;
    entries.set(key, tile);
    bytes += tile.byteLength;
    for (const [oldKey, old] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldKey);
      bytes -= old.byteLength;
    }
  };

  return {
    async get(key, compute) {
      const cached = entries.get(key);
      if (cached) {
        hits += 1;
        entries.delete(key);
        entries.set(key, cached);
        return cached;
      }
      const flightKey = `${generation}|${key}`;
      const inFlight = running.get(flightKey);
      if (inFlight) {
        shared += 1;
        return inFlight;
      }
      misses += 1;
      const startedAt = generation;
      const computation = compute().finally(() => running.delete(flightKey));
      running.set(flightKey, computation);
      const tile = await computation;
      if (generation === startedAt && !entries.has(key)) store(key, tile);
      return tile;
    },

    invalidate() {
      generation += 1;
      entries.clear();
      bytes = 0;
    },

    stats: () => ({ hits, misses, shared, entries: entries.size, bytes, generation }),
  };
}
