// Vector tiles of the back-fill review (存量补录, TL-STOCK-01, on the map): from a zoom where
// a survey polygon is a few pixels, each polygon as itself with the class it was given (R-RG-4's
// four cases) and whether it waits for a supervisor's review; zoomed out, one point per cell of
// the grid and county counting the polygons there and those waiting, so a province's stock
// reaches the browser as a few hundred points instead of every outline.
import { maxZoom, minZoom } from '../../../register/tiles/domain/tile-address.ts';
import { overviewMaxZoom, type FieldType } from '../../../register/tiles/domain/tile-layer.ts';
import {
  overviewCellPixels,
  tileJsonOf,
  type Bounds,
  type TileJson,
} from '../../../register/tiles/domain/tilejson.ts';
import { backfillClasses } from './classify.ts';

type FieldTable = Record<string, { type: FieldType; description: string }>;

/** The layer of polygons (MapLibre's `source-layer`), from `backfillPolygonMinZoom`. */
export const backfillLayerName = 'backfill_polygon';

/** The layer of counted cells, up to `backfillPolygonMinZoom` − 1. */
export const backfillOverviewLayerName = 'backfill_polygon_overview';

/** Polygons are drawn as themselves from this zoom on (as the register's parcels are). */
export const backfillPolygonMinZoom = overviewMaxZoom + 1;

/** What marks a polygon for the supervisor: waiting for a review, or already ruled on. */
export type BackfillMark = 'review_due' | 'overridden';

/** Attributes of a polygon feature, in the order they are written. */
export const backfillTileFields = {
  id: { type: 'String', description: 'back-fill polygon id (uuid)' },
  batchId: { type: 'String', description: 'the back-fill batch it came in' },
  surveyCode: { type: 'String', description: 'survey code 图斑编号 as delivered (absent if none)' },
  projectName: { type: 'String', description: 'the survey’s 项目名称, if given' },
  class: { type: 'String', description: `the class given: ${backfillClasses.join(', ')}` },
  letter: { type: 'String', description: 'the class as R-RG-4 letters it: a, b, c or d' },
  mark: {
    type: 'String',
    description:
      'review_due when the classifier now disagrees and a supervisor should review it, overridden when a supervisor ruled on its class, absent otherwise',
  },
  divisionCode: { type: 'String', description: 'GB/T 2260 code of the county' },
} as const satisfies FieldTable;

/** Attributes of a counted cell, in the order they are written. */
export const backfillOverviewFields = {
  divisionCode: { type: 'String', description: 'GB/T 2260 code of the county the polygons are in' },
  count: { type: 'Number', description: 'polygons whose bounding-box centre lies in the cell' },
  reviewDue: { type: 'Number', description: 'of them, those waiting for a supervisor’s review' },
  class: {
    type: 'String',
    description: 'the most common class among them (ties to the first in alphabetical order)',
  },
} as const satisfies FieldTable;

/**
 * The TileJSON of the back-fill polygons a caller may see (with the list's filters).
 * @param tilesUrl the tile URL template with `{z}/{x}/{y}`, absolute
 * @param bounds the extent of those polygons
 */
export function backfillTileJson(tilesUrl: string, bounds: Bounds): TileJson {
  return tileJsonOf(
    {
      name: '存量临时用地补录图斑',
      description:
        'Back-fill polygons of the 2021 survey in the caller’s division, coloured by class (TL-STOCK-01)',
    },
    tilesUrl,
    bounds,
    [
      {
        id: backfillOverviewLayerName,
        description: `Zoomed out (zooms ${minZoom}–${backfillPolygonMinZoom - 1}): the polygons counted per cell of ${overviewCellPixels} pixels and county, one point per cell at the mean position of their bounding-box centres`,
        minzoom: minZoom,
        maxzoom: backfillPolygonMinZoom - 1,
        fields: backfillOverviewFields,
      },
      {
        id: backfillLayerName,
        description:
          'Back-fill polygons (EPSG:4490, drawn in Web Mercator); feature id = first 52 bits of the polygon uuid',
        minzoom: backfillPolygonMinZoom,
        maxzoom: maxZoom,
        fields: backfillTileFields,
      },
    ],
  );
}
