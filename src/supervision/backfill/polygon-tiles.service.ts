// Vector tiles of the back-fill review for government users (domain/polygon-tiles.ts): the
// polygons in the caller's division with the list's filters, through row-level security.
// Polygons are encoded as the register's tiles are (ST_AsMVT where PostGIS has protobuf, else
// the Node encoder over the same clipped polygons); the counted cells of the zoomed-out tiles
// by Node in every mode. Not cached: a review changes a polygon's class, and a client
// revalidates by ETag.
import type { Db } from '../../platform/db/db.ts';
import { type Actor, scopePrefix } from '../../identity/domain/actor.ts';
import { readInScope } from '../../identity/scoped-db.ts';
import { chinaBounds } from '../../reference/layers/layers.service.ts';
import type { TileAddress } from '../../register/tiles/domain/tile-address.ts';
import type { TileJson } from '../../register/tiles/domain/tilejson.ts';
import { encodePointTile, encodeTile } from '../../register/tiles/mvt-encoder.ts';
import type { Tile, TileService } from '../../register/tiles/tiles.service.ts';
import type { BackfillClass } from './domain/classify.ts';
import {
  backfillLayerName,
  backfillOverviewLayerName,
  backfillPolygonMinZoom,
  backfillTileJson,
} from './domain/polygon-tiles.ts';
import {
  backfillBounds,
  backfillCells,
  clippedBackfillFeatures,
  postgisBackfillTile,
  type BackfillTileFilter,
} from './polygon-tiles.store.ts';

/** The list's filters, as the API takes them. */
export interface BackfillTileQuery {
  batchId?: string;
  class?: BackfillClass;
  reviewDue?: boolean;
  divisionCode?: string;
}

export function createBackfillTileService(db: Db, tiles: TileService) {
  const filterOf = (actor: Actor, query: BackfillTileQuery): BackfillTileFilter => ({
    scopePrefix: scopePrefix(actor),
    batchId: query.batchId ?? null,
    class: query.class ?? null,
    reviewDue: query.reviewDue ?? null,
    divisionCode: query.divisionCode ?? null,
  });

  return {
    /** One tile of the polygons `actor` may see (empty where none reach). */
    async tile(actor: Actor, address: TileAddress, query: BackfillTileQuery): Promise<Tile> {
      const use = await tiles.encoder();
      const filter = filterOf(actor, query);
      if (address.z < backfillPolygonMinZoom) {
        const cells = await readInScope(db, actor, (tx) => backfillCells(tx, address, filter));
        const points = cells.map(({ x, y, ...properties }) => ({ x, y, properties }));
        return { bytes: encodePointTile(points, backfillOverviewLayerName), encoder: use };
      }
      if (use === 'postgis') {
        const bytes = await readInScope(db, actor, (tx) =>
          postgisBackfillTile(tx, address, filter),
        );
        return { bytes, encoder: use };
      }
      // Encoding happens after the transaction, so the embedded database is free sooner.
      const features = await readInScope(db, actor, (tx) =>
        clippedBackfillFeatures(tx, address, filter),
      );
      return { bytes: encodeTile(features, backfillLayerName), encoder: use };
    },

    /** The TileJSON for `actor`: bounds of the polygons in view (China's when there are none). */
    async tileJson(actor: Actor, tilesUrl: string, query: BackfillTileQuery): Promise<TileJson> {
      const bounds = await readInScope(db, actor, (tx) =>
        backfillBounds(tx, filterOf(actor, query)),
      );
      const { minLng, minLat, maxLng, maxLat } = chinaBounds;
      return backfillTileJson(tilesUrl, bounds ?? [minLng, minLat, maxLng, maxLat]);
    },
  };
}

export type BackfillTileService = ReturnType<typeof createBackfillTileService>;
