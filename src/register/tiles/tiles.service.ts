// Vector tiles of the temporary-land register in the caller's view: the public (and
// enterprises) see published records, government users their division, through row-level
// security. The encoder is chosen once by what the database can do, not by storage mode.
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type Actor, publicActor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { governmentRoles } from '../../identity/domain/roles.ts';
import { readInScope } from '../../identity/scoped-db.ts';
import { chinaBounds } from '../../reference/layers/layers.service.ts';
import { tileReach, type TileAddress } from './domain/tile-address.ts';
import {
  overviewLayerName,
  overviewMaxZoom,
  tallyMaxZoom,
  tileBuffer,
  tileExtent,
} from './domain/tile-layer.ts';
import { temporaryLandTileJson, type TileJson } from './domain/tilejson.ts';
import { encodePointTile, encodeTile } from './mvt-encoder.ts';
import { overviewCells } from './overview.store.ts';
import { tallyCells } from './tally.store.ts';
import { createTileCache, extentOfNotice } from './tile-cache.ts';
import {
  clippedFeatures,
  postgisEncodesTiles,
  postgisTile,
  visibleBounds,
  type TileFilter,
} from './tiles.store.ts';

/**
 * `auto` uses ST_AsMVT where the database's PostGIS has protobuf and the Node encoder where it
 * does not; `node` forces the Node encoder (to test it on a server); `postgis` requires ST_AsMVT.
 */
export type TileEncoderSetting = 'auto' | 'node' | 'postgis';
export type TileEncoder = 'postgis' | 'node';

export interface Tile {
  /** The MVT bytes; empty when no visible parcel reaches the tile. */
  bytes: Uint8Array;
  encoder: TileEncoder;
}

/** Whose view a tile shows: government users their own; everyone else the public's. */
function viewerOf(actor: Actor): Actor {
  return governmentRoles.includes(actor.role) ? actor : publicActor;
}

function filterFor(viewer: Actor): TileFilter {
  return { scopeLike: scopeLikePattern(viewer), publishedOnly: viewer.role === 'public' };
}

/**
 * The NOTIFY channel of migrations 0016 and 0019: a statement changed temporary_land; the
 * payload is the changed parcels' extent (see `extentOfNotice`).
 */
export const registerChangedChannel = 'reclaim_register_changed';

/**
 * @param cacheBytes memory for tiles kept until the register changes (0: none). Tiles are kept
 * only while the database's change notices are heard (see tile-cache.ts).
 */
export function createTileService(db: Db, setting: TileEncoderSetting, cacheBytes = 0) {
  let chosen: Promise<TileEncoder> | undefined;
  const cache = createTileCache(cacheBytes);
  let listening: Promise<boolean> | undefined;

  /** Whether change notices are heard (started on first use; a failure is retried later). */
  function hearingChanges(): Promise<boolean> {
    listening ??= db
      .listen(registerChangedChannel, (notice) => cache.invalidate(extentOfNotice(notice)))
      .then(
        () => true,
        () => {
          listening = undefined;
          return false;
        },
      );
    return listening;
  }

  async function choose(): Promise<TileEncoder> {
    if (setting === 'node') return 'node';
    if (await postgisEncodesTiles(db)) return 'postgis';
    if (setting === 'postgis') {
      throw new AppError('unavailable', {
        code: 'TILES_ENCODER_UNAVAILABLE',
        messageZh:
          '数据库的 PostGIS 不支持 ST_AsMVT（缺少 protobuf）；请将 RECLAIM_TILES_ENCODER 设为 auto 或 node',
        messageEn:
          "this database's PostGIS cannot run ST_AsMVT (built without protobuf); set RECLAIM_TILES_ENCODER to auto or node",
      });
    }
    return 'node';
  }

  /** The encoder in use, decided on first use and kept (a failed decision is retried). */
  function encoder(): Promise<TileEncoder> {
    chosen ??= choose().catch((error: unknown) => {
      chosen = undefined;
      throw error;
    });
    return chosen;
  }

  return {
    encoder,

    /**
     * One tile as `actor` may see it: from the cache when the same view of it is there (a
     * view is the viewer's role and division, which decide what row-level security shows).
     */
    async tile(actor: Actor, address: TileAddress): Promise<Tile> {
      const use = await encoder();
      const viewer = viewerOf(actor);
      const filter = filterFor(viewer);
      const compute = async (): Promise<Uint8Array> => {
        if (address.z <= overviewMaxZoom) {
          // Points and sums only: no geometry for ST_AsMVT to do, so Node encodes in every mode.
          // Zoomed out furthest, the counts kept as the register changes; then the parcels.
          const cells = await readInScope(db, viewer, (tx) =>
            address.z <= tallyMaxZoom
              ? tallyCells(tx, address, filter)
              : overviewCells(tx, address, filter),
          );
          return encodePointTile(
            cells.map(({ x, y, ...properties }) => ({ x, y, properties })),
            overviewLayerName,
          );
        }
        if (use === 'postgis')
          return readInScope(db, viewer, (tx) => postgisTile(tx, address, filter));
        // Encoding happens after the transaction, so the embedded database is free sooner.
        const features = await readInScope(db, viewer, (tx) =>
          clippedFeatures(tx, address, filter),
        );
        return encodeTile(features);
      };
      if (cacheBytes === 0 || !(await hearingChanges()))
        return { bytes: await compute(), encoder: use };
      const key = `${use}|${viewer.role}|${viewer.divisionCode}|${address.z}/${address.x}/${address.y}`;
      const reach = tileReach(address, tileBuffer / tileExtent);
      return { bytes: await cache.get(key, reach, compute), encoder: use };
    },

    /** What the tile cache holds and has done (for /readyz-style checks and tests). */
    cacheStats: () => cache.stats(),

    /** The TileJSON for `actor`, its bounds those of the records they may see (else China's). */
    async tileJson(actor: Actor, tilesUrl: string): Promise<TileJson> {
      const viewer = viewerOf(actor);
      const bounds = await readInScope(db, viewer, (tx) => visibleBounds(tx, filterFor(viewer)));
      return temporaryLandTileJson(
        tilesUrl,
        bounds ?? [chinaBounds.minLng, chinaBounds.minLat, chinaBounds.maxLng, chinaBounds.maxLat],
      );
    },
  };
}

export type TileService = ReturnType<typeof createTileService>;
