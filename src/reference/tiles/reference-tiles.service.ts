// Vector tiles of the survey reference layers (land class and farmland for government users,
// division boundaries for anyone), in the caller's division (and through row-level security;
// the public's is the nation), encoded as the register's tiles are: by ST_AsMVT where PostGIS
// has protobuf, else by the Node encoder over the same clipped polygons; kept in memory until
// a batch of the layer changes.
import type { Db } from '../../platform/db/db.ts';
import { type Actor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import { governmentRoles } from '../../identity/domain/roles.ts';
import type { TileAddress } from '../../register/tiles/domain/tile-address.ts';
import { encodeTile } from '../../register/tiles/mvt-encoder.ts';
import type { Tile, TileService } from '../../register/tiles/tiles.service.ts';
import type { ReferenceLayer } from '../layers/layers.store.ts';
import { createTileCache } from '../../register/tiles/tile-cache.ts';
import {
  clippedReferenceFeatures,
  layerGeneration,
  postgisReferenceTile,
  referenceTileLayers,
} from './reference-tiles.store.ts';

/**
 * Below this zoom the patch layers' tiles are empty: survey polygons are a few hectares, and a
 * tile would read a whole county's survey to draw specks.
 */
export const referenceMinZoom = 11;

/** Each layer's first zoom: division boundaries are drawn at every zoom (simplified by zoom). */
export const referenceLayerMinZoom = {
  land_class: referenceMinZoom,
  farmland: referenceMinZoom,
  division: 0,
} as const satisfies Record<ReferenceLayer, number>;

/** What a reference tile may draw: the cache drops these tiles by key, never by place. */
const anywhere = [-180, -90, 180, 90] as const;

/**
 * @param cacheBytes memory for tiles kept until a reference batch changes (0: none). A tile is
 * kept under the layer's generation: a digest of its batches (id, status, feature count,
 * version) as the viewer may see them, read before each tile. A batch imported, superseded or
 * filled changes the generation, so the next request computes afresh, in this process and in
 * any other on the same database; tiles of older generations age out of memory.
 */
export function createReferenceTileService(db: Db, tiles: TileService, cacheBytes = 0) {
  const cache = createTileCache(cacheBytes);
  return {
    async tile(actor: Actor, layer: ReferenceLayer, address: TileAddress): Promise<Tile> {
      const use = await tiles.encoder();
      if (address.z < referenceLayerMinZoom[layer])
        return { bytes: new Uint8Array(), encoder: use };
      const scopeLike = scopeLikePattern(actor);
      const compute = async (): Promise<Uint8Array> => {
        if (use === 'postgis')
          return inScope(db, actor, (tx) => postgisReferenceTile(tx, layer, address, scopeLike));
        // Encoding happens after the transaction, so the embedded database is free sooner.
        const features = await inScope(db, actor, (tx) =>
          clippedReferenceFeatures(tx, layer, address, scopeLike),
        );
        return encodeTile(features, referenceTileLayers[layer].name);
      };
      if (cacheBytes === 0) return { bytes: await compute(), encoder: use };
      // Read before the tile: a tile computed later sees at least this generation's batches,
      // so no key ever holds a tile older than its generation.
      const generation = await inScope(db, actor, (tx) => layerGeneration(tx, layer));
      // Row-level security shows a caller the rows of their scope (the public's is the nation)
      // under their role's policies (the public and enterprises: boundaries only), so the
      // view is the scope with whether the caller is government.
      const viewer = `${governmentRoles.includes(actor.role) ? 'gov' : 'public'}|${scopeLike}`;
      const key = `${use}|${viewer}|${layer}|${generation}|${address.z}/${address.x}/${address.y}`;
      return { bytes: await cache.get(key, anywhere, compute), encoder: use };
    },

    /** What the tile cache holds and has done (for tests and checks). */
    cacheStats: () => cache.stats(),
  };
}

export type ReferenceTileService = ReturnType<typeof createReferenceTileService>;
