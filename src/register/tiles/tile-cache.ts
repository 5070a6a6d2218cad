// Vector tiles kept in memory until a parcel they draw changes. A z10 tile over a mining
// cluster holds thousands of parcels, each transformed, simplified and encoded per request
// (177 ms alone, seconds at 32 clients: docs/benchmarks.md); the same tile for the same view is
// the same bytes until a parcel in its reach changes. The database says when and where that
// happens (NOTIFY from a trigger with the changed parcels' extent, migrations 0016 and 0019),
// so a tile is never served after a change in its reach has been announced, and a change
// elsewhere — a registration in another county — leaves it cached.
//
// Correctness rests on one rule: a tile computed while a change in its reach was announced
// is not kept. A change that commits after the tile's snapshot is announced after that
// commit, so either it arrives before the tile is stored (not kept) or after (the kept tile
// is dropped).

/** [west, south, east, north] in degrees. */
export type Extent = readonly [number, number, number, number];

export interface TileCacheStats {
  /** Answered from memory. */
  hits: number;
  /** Computed for this request. */
  misses: number;
  /** Requests that waited for the same tile another request was computing. */
  shared: number;
  entries: number;
  bytes: number;
  /** How many changes were announced (or may have been missed). */
  generation: number;
  /** Tiles dropped because a change reached them. */
  dropped: number;
}

export interface TileCache {
  /**
   * The cached bytes for `key`, or `compute()`'s (one computation per key at a time). `reach`
   * is what the tile draws: a change within it drops the tile.
   */
  get(key: string, reach: Extent, compute: () => Promise<Uint8Array>): Promise<Uint8Array>;
  /** A change within `extent` (every tile when it is null: unknown, or maybe missed). */
  invalidate(extent: Extent | null): void;
  stats(): TileCacheStats;
}

const overlaps = (a: Extent, b: Extent) =>
  a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** How many announced changes are remembered for computations still running. */
const changeLogLength = 10_000;

/**
 * A cache of at most `maxBytes` of tiles, least recently used dropped first. `maxBytes` 0 keeps
 * nothing (every request computes; concurrent requests for one tile still share the work).
 */
export function createTileCache(maxBytes: number): TileCache {
  // Insertion order = least recently used first.
  const entries = new Map<string, { tile: Uint8Array; reach: Extent }>();
  const running = new Map<string, Promise<Uint8Array>>();
  /** The changes announced, oldest first: generation `first + i` is `changes[i]`. */
  let changes: (Extent | null)[] = [];
  let first = 1;
  let bytes = 0;
  let generation = 0;
  let hits = 0;
  let misses = 0;
  let shared = 0;
  let dropped = 0;

  const store = (key: string, tile: Uint8Array, reach: Extent): void => {
    if (tile.byteLength > maxBytes) return;
    entries.set(key, { tile, reach });
    bytes += tile.byteLength;
    for (const [oldKey, old] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldKey);
      bytes -= old.tile.byteLength;
    }
  };

  /** Whether a change announced after generation `since` reached `reach`. */
  const changedSince = (since: number, reach: Extent): boolean => {
    if (since + 1 < first) return true; // forgotten: assume it did
    for (let g = since + 1; g <= generation; g += 1) {
      const extent = changes[g - first];
      if (extent === null || extent === undefined || overlaps(extent, reach)) return true;
    }
    return false;
  };

  return {
    async get(key, reach, compute) {
      const cached = entries.get(key);
      if (cached) {
        hits += 1;
        entries.delete(key);
        entries.set(key, cached);
        return cached.tile;
      }
      const flightKey = `${generation}|${key}`;
      const inFlight = running.get(flightKey);
      if (inFlight) {
        shared += 1;
        return inFlight;
      }
      misses += 1;
      const startedAt = generation;
      const computation = compute();
      running.set(flightKey, computation);
      try {
        const tile = await computation;
        if (!changedSince(startedAt, reach) && !entries.has(key)) store(key, tile, reach);
        return tile;
      } finally {
        // Leaves `running` only after its own check, so the changes it needs are still known.
        running.delete(flightKey);
        if (running.size === 0) {
          // Nothing computing: no one needs the past changes.
          first = generation + 1;
          changes = [];
        }
      }
    },

    invalidate(extent) {
      generation += 1;
      changes.push(extent);
      if (changes.length > changeLogLength) {
        changes = changes.slice(changes.length - changeLogLength);
        first = generation - changes.length + 1;
      }
      if (extent === null) {
        dropped += entries.size;
        entries.clear();
        bytes = 0;
        return;
      }
      for (const [key, entry] of entries) {
        if (!overlaps(extent, entry.reach)) continue;
        entries.delete(key);
        bytes -= entry.tile.byteLength;
        dropped += 1;
      }
    },

    stats: () => ({
      hits,
      misses,
      shared,
      entries: entries.size,
      bytes,
      generation,
      dropped,
    }),
  };
}

/**
 * The extent a register change notice names ('west,south,east,north' in degrees), or null
 * when it names none (a TRUNCATE, an older trigger, or a payload that does not parse): then
 * every tile may have changed.
 */
export function extentOfNotice(payload: string | null): Extent | null {
  if (!payload) return null;
  const parts = payload.split(',').map(Number);
  if (parts.length !== 4 || !parts.every(Number.isFinite)) return null;
  const [w, s, e, n] = parts as [number, number, number, number];
  return w <= e && s <= n ? [w, s, e, n] : null;
}
