// Vector tiles of an enforcement batch (卫片执法核查 on the map, TL-ENF-01/02): from a zoom where
// a change polygon is a few pixels, each polygon as itself with its coverage kind; zoomed out,
// one point per cell of the grid and county counting the polygons there and those not covered,
// so that a province's 200,000 polygons reach the browser as a few hundred points.
import { maxZoom, minZoom } from '../../../register/tiles/domain/tile-address.ts';
import { overviewMaxZoom, type FieldType } from '../../../register/tiles/domain/tile-layer.ts';
import {
  overviewCellPixels,
  tileJsonOf,
  type Bounds,
  type TileJson,
} from '../../../register/tiles/domain/tilejson.ts';
import type { CoverageCause } from './coverage.ts';

type FieldTable = Record<string, { type: FieldType; description: string }>;

/** The layer of polygons (MapLibre's `source-layer`), from `polygonMinZoom`. */
export const polygonLayerName = 'change_polygon';

/** The layer of counted cells, up to `polygonMinZoom` − 1. */
export const polygonOverviewLayerName = 'change_polygon_overview';

/** Polygons are drawn as themselves from this zoom on (as the register's parcels are). */
export const polygonMinZoom = overviewMaxZoom + 1;

/**
 * What colours a polygon: `covered`, else the main cause of its uncovered part, or
 * `not_computed` while the batch's coverage has not been computed.
 */
export type CoverageKind = 'covered' | CoverageCause | 'not_computed';

/** Attributes of a polygon feature, in the order they are written. */
export const polygonTileFields = {
  id: { type: 'String', description: 'change polygon id (uuid)' },
  surveyCode: { type: 'String', description: 'survey code 图斑编号 as delivered (absent if none)' },
  status: {
    type: 'String',
    description: 'covered, partly_covered or uncovered (absent before the coverage is computed)',
  },
  kind: {
    type: 'String',
    description:
      'covered, the main cause of the uncovered part (use_differs, not_registered, expired, outside), or not_computed',
  },
  verification: { type: 'String', description: 'verification state (pending before any action)' },
  divisionCode: { type: 'String', description: 'GB/T 2260 code of the county' },
} as const satisfies FieldTable;

/** Attributes of a counted cell, in the order they are written. */
export const polygonOverviewFields = {
  divisionCode: { type: 'String', description: 'GB/T 2260 code of the county the polygons are in' },
  count: { type: 'Number', description: 'polygons whose bounding-box centre lies in the cell' },
  uncovered: {
    type: 'Number',
    description: 'of them, those not fully covered (or not yet computed)',
  },
  kind: {
    type: 'String',
    description: 'covered when all are, else the most common kind among the others',
  },
} as const satisfies FieldTable;

/**
 * The TileJSON of a batch's tiles for the caller.
 * @param tilesUrl the tile URL template with `{z}/{x}/{y}`, absolute
 * @param bounds the extent of the batch's polygons the caller may see
 */
export function batchTileJson(
  batch: { externalId: string; month: string },
  tilesUrl: string,
  bounds: Bounds,
): TileJson {
  return tileJsonOf(
    {
      name: `卫片执法图斑 ${batch.externalId} (${batch.month})`,
      description:
        'Change polygons of one enforcement batch in the caller’s division, coloured by coverage (TL-ENF-02)',
    },
    tilesUrl,
    bounds,
    [
      {
        id: polygonOverviewLayerName,
        description: `Zoomed out (zooms ${minZoom}–${polygonMinZoom - 1}): the polygons counted per cell of ${overviewCellPixels} pixels and county, one point per cell at the mean position of their bounding-box centres`,
        minzoom: minZoom,
        maxzoom: polygonMinZoom - 1,
        fields: polygonOverviewFields,
      },
      {
        id: polygonLayerName,
        description:
          'Change polygons (EPSG:4490, drawn in Web Mercator); feature id = first 52 bits of the polygon uuid',
        minzoom: polygonMinZoom,
        maxzoom: maxZoom,
        fields: polygonTileFields,
      },
    ],
  );
}
