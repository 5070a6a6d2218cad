// Vector tiles of the survey reference layers for government users, in their division (and
// through row-level security), encoded as the register's tiles are: by ST_AsMVT where PostGIS
// has protobuf, else by the Node encoder over the same clipped polygons.
import type { Db } from '../../platform/db/db.ts';
import { type Actor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { inScope } from '../../identity/scoped-db.ts';
import type { TileAddress } from '../../register/tiles/domain/tile-address.ts';
import { encodeTile } from '../../register/tiles/mvt-encoder.ts';
import type { Tile, TileService } from '../../register/tiles/tiles.service.ts';
import type { ReferenceLayer } from '../layers/layers.store.ts';
import {
  clippedReferenceFeatures,
  postgisReferenceTile,
  referenceTileLayers,
} from './reference-tiles.store.ts';

/**
 * Below this zoom the tiles are empty: survey polygons are a few hectares, and a tile would
 * read a whole county's survey to draw specks.
 */
export const referenceMinZoom = 11;

export function createReferenceTileService(db: Db, tiles: TileService) {
  return {
    async tile(actor: Actor, layer: ReferenceLayer, address: TileAddress): Promise<Tile> {
      const use = await tiles.encoder();
      if (address.z < referenceMinZoom) return { bytes: new Uint8Array(), encoder: use };
      const scopeLike = scopeLikePattern(actor);
      if (use === 'postgis') {
        const bytes = await inScope(db, actor, (tx) =>
          postgisReferenceTile(tx, layer, address, scopeLike),
        );
        return { bytes, encoder: use };
      }
      const features = await inScope(db, actor, (tx) =>
        clippedReferenceFeatures(tx, layer, address, scopeLike),
      );
      return { bytes: encodeTile(features, referenceTileLayers[layer].name), encoder: use };
    },
  };
}

export type ReferenceTileService = ReturnType<typeof createReferenceTileService>;
