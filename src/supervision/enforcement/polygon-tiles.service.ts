// Vector tiles of an enforcement batch for government users (domain/polygon-tiles.ts): the
// batch's change polygons in the caller's division, or a county picked inside it, through
// row-level security. Polygons are encoded as the register's tiles are (ST_AsMVT where PostGIS
// has protobuf, else the Node encoder over the same clipped polygons); the counted cells of
// the zoomed-out tiles by Node in every mode. Not cached: coverage and verification change
// the colours, and a client revalidates by ETag.
import type { Db } from '../../platform/db/db.ts';
import { type Actor, scopePrefix } from '../../identity/domain/actor.ts';
import { readInScope } from '../../identity/scoped-db.ts';
import { chinaBounds } from '../../reference/layers/layers.service.ts';
import type { TileAddress } from '../../register/tiles/domain/tile-address.ts';
import type { TileJson } from '../../register/tiles/domain/tilejson.ts';
import { encodePointTile, encodeTile } from '../../register/tiles/mvt-encoder.ts';
import { tallyMaxZoom } from '../../register/tiles/domain/tile-layer.ts';
import { tallyPolygonCells } from './polygon-tally.store.ts';
import type { Tile, TileService } from '../../register/tiles/tiles.service.ts';
import { findBatch } from './batches.store.ts';
import {
  batchTileJson,
  polygonLayerName,
  polygonMinZoom,
  polygonOverviewLayerName,
} from './domain/polygon-tiles.ts';
import { batchNotFound } from './not-found.ts';
import {
  clippedPolygonFeatures,
  polygonBounds,
  polygonCells,
  postgisPolygonTile,
  type PolygonTileFilter,
} from './polygon-tiles.store.ts';

export function createPolygonTileService(db: Db, tiles: TileService) {
  const filterOf = (actor: Actor, batchId: string, divisionCode?: string): PolygonTileFilter => ({
    batchId,
    scopePrefix: scopePrefix(actor),
    divisionCode: divisionCode ?? null,
  });

  return {
    /** One tile of the batch as `actor` may see it (empty where none of its polygons reach). */
    async tile(
      actor: Actor,
      batchId: string,
      address: TileAddress,
      divisionCode?: string,
    ): Promise<Tile> {
      const use = await tiles.encoder();
      const filter = filterOf(actor, batchId, divisionCode);
      if (address.z < polygonMinZoom) {
        // Zoomed out furthest, the counts kept by the cross-check; then the polygons.
        const cells = await readInScope(db, actor, (tx) =>
          address.z <= tallyMaxZoom
            ? tallyPolygonCells(tx, address, filter)
            : polygonCells(tx, address, filter),
        );
        const points = cells.map(({ x, y, ...properties }) => ({ x, y, properties }));
        return { bytes: encodePointTile(points, polygonOverviewLayerName), encoder: use };
      }
      if (use === 'postgis') {
        const bytes = await readInScope(db, actor, (tx) => postgisPolygonTile(tx, address, filter));
        return { bytes, encoder: use };
      }
      // Encoding happens after the transaction, so the embedded database is free sooner.
      const features = await readInScope(db, actor, (tx) =>
        clippedPolygonFeatures(tx, address, filter),
      );
      return { bytes: encodeTile(features, polygonLayerName), encoder: use };
    },

    /**
     * The batch's TileJSON for `actor`: its bounds those of the polygons they may see (China's
     * when none are in view).
     * @throws AppError('not_found') ENFORCEMENT_BATCH_NOT_FOUND for a batch they may not see
     */
    async tileJson(
      actor: Actor,
      batchId: string,
      tilesUrl: string,
      divisionCode?: string,
    ): Promise<TileJson> {
      return readInScope(db, actor, async (tx) => {
        const batch = await findBatch(tx, batchId, scopePrefix(actor));
        if (!batch) throw batchNotFound();
        const bounds = await polygonBounds(tx, filterOf(actor, batchId, divisionCode));
        const { minLng, minLat, maxLng, maxLat } = chinaBounds;
        return batchTileJson(batch, tilesUrl, bounds ?? [minLng, minLat, maxLng, maxLat]);
      });
    },
  };
}

export type PolygonTileService = ReturnType<typeof createPolygonTileService>;
