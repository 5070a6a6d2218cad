// The TileJSON 3.0.0 document that tells MapLibre GL (or QGIS) where the temporary-land
// tiles are, which zooms hold parcels, where the caller's data lies and what each feature carries.
import { maxZoom, minZoom, openingZoom } from './tile-address.ts';
import {
  layerName,
  overviewFields,
  overviewLayerName,
  overviewCellUnits,
  overviewMaxZoom,
  tallyMaxZoom,
  tileExtent,
  tileFields,
  tilePixels,
  type FieldType,
} from './tile-layer.ts';

/** An overview cell's side on screen (MapLibre draws a tile 512 pixels wide). */
export const overviewCellPixels = (overviewCellUnits / tileExtent) * tilePixels;

/** [west, south, east, north] in degrees (EPSG:4490, which MapLibre reads as WGS 84). */
export type Bounds = [number, number, number, number];

export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: Bounds;
  /** [lng, lat, zoom]: the middle of `bounds` at the first zoom that shows parcels. */
  center: [number, number, number];
  vector_layers: {
    id: string;
    description: string;
    minzoom: number;
    maxzoom: number;
    /** Attribute name → its type and meaning (TileJSON: a description per field). */
    fields: Record<string, string>;
  }[];
}

/** A layer of a TileJSON, its attributes each with a type and meaning. */
export interface LayerOfTiles {
  id: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  fields: Record<string, { type: FieldType; description: string }>;
}

/**
 * A TileJSON of every zoom served, centred on `bounds` at the opening zoom.
 * @param tilesUrl the tile URL template with `{z}/{x}/{y}`, absolute (MapLibre needs that)
 */
export function tileJsonOf(
  about: { name: string; description: string },
  tilesUrl: string,
  bounds: Bounds,
  layers: LayerOfTiles[],
): TileJson {
  const [west, south, east, north] = bounds;
  return {
    tilejson: '3.0.0',
    ...about,
    scheme: 'xyz',
    tiles: [tilesUrl],
    minzoom: minZoom,
    maxzoom: maxZoom,
    bounds,
    center: [(west + east) / 2, (south + north) / 2, openingZoom],
    vector_layers: layers.map((layer) => ({
      ...layer,
      fields: Object.fromEntries(
        Object.entries(layer.fields).map(([name, f]) => [name, `${f.type} — ${f.description}`]),
      ),
    })),
  };
}

/**
 * @param tilesUrl the tile URL template with `{z}/{x}/{y}`, absolute (MapLibre needs that)
 * @param bounds the extent of the records the caller may see
 */
export function temporaryLandTileJson(tilesUrl: string, bounds: Bounds): TileJson {
  return tileJsonOf(
    {
      name: '临时用地 temporary land',
      description:
        'Temporary-land records (临时用地上图入库) the caller may see: the public sees published records, government users their division.',
    },
    tilesUrl,
    bounds,
    [
      {
        id: overviewLayerName,
        description: `Zoomed out (zooms ${minZoom}–${overviewMaxZoom}): the parcels counted per cell of ${overviewCellPixels} pixels and county, one point per cell at the mean position of their bounding-box centres (zooms ${minZoom}–${tallyMaxZoom} from counts kept as the register changes: no firstLiveTermEnd there)`,
        minzoom: minZoom,
        maxzoom: overviewMaxZoom,
        fields: overviewFields,
      },
      {
        id: layerName,
        description:
          'Temporary-land parcels (EPSG:4490 records drawn in Web Mercator); feature id = first 52 bits of the record uuid',
        minzoom: overviewMaxZoom + 1,
        maxzoom: maxZoom,
        fields: tileFields,
      },
    ],
  );
}
