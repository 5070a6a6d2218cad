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
  type FieldType,
} from './tile-layer.ts';

/** An overview cell's side on screen (MapLibre draws a tile 512 pixels wide). */
const overviewCellPixels = (overviewCellUnits / tileExtent) * 512;

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

/**
 * @param tilesUrl the tile URL template with `{z}/{x}/{y}`, absolute (MapLibre needs that)
 * @param bounds the extent of the records the caller may see
 */
export function temporaryLandTileJson(tilesUrl: string, bounds: Bounds): TileJson {
  const fields = (of: Record<string, { type: FieldType; description: string }>) =>
    Object.fromEntries(
      Object.entries(of).map(([name, field]) => [name, `${field.type} — ${field.description}`]),
    );
  const [west, south, east, north] = bounds;
  return {
    tilejson: '3.0.0',
    name: '临时用地 temporary land',
    description:
      'Temporary-land records (临时用地上图入库) the caller may see: the public sees published records, government users their division.',
    scheme: 'xyz',
    tiles: [tilesUrl],
    minzoom: minZoom,
    maxzoom: maxZoom,
    bounds,
    center: [(west + east) / 2, (south + north) / 2, openingZoom],
    vector_layers: [
      {
        id: overviewLayerName,
        description: `Zoomed out (zooms ${minZoom}–${overviewMaxZoom}): the parcels counted per cell of ${overviewCellPixels} pixels and county, one point per cell at the mean position of their bounding-box centres (zooms ${minZoom}–${tallyMaxZoom} from counts kept as the register changes: no firstLiveTermEnd there)`,
        minzoom: minZoom,
        maxzoom: overviewMaxZoom,
        fields: fields(overviewFields),
      },
      {
        id: layerName,
        description:
          'Temporary-land parcels (EPSG:4490 records drawn in Web Mercator); feature id = first 52 bits of the record uuid',
        minzoom: overviewMaxZoom + 1,
        maxzoom: maxZoom,
        fields: fields(tileFields),
      },
    ],
  };
}
