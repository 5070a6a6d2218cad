// A zipped Shapefile of the register: <layer>.shp/.shx (polygons), .dbf (UTF-8, every export
// column), .cpg ("UTF-8"), .prj (CGCS2000 geographic, EPSG:4490 WKT from PostGIS) and the
// <layer>.fields.json sidecar with full field names and every value the DBF could not hold.
import { zipSync } from 'fflate';
import { sidecarSuffix } from '../formats/shapefile-fields.ts';
import { exportColumns } from './export-columns.ts';
import type { ExportFeature } from './export.store.ts';
import { writeDbf } from './write-dbf.ts';
import { writeShp } from './write-shp.ts';

/** MultiPolygon coordinates with outer rings clockwise, holes counter-clockwise. */
export type ClockwiseMultiPolygon = [number, number][][][];

export async function writeShapefile(
  layer: string,
  features: readonly ExportFeature<ClockwiseMultiPolygon>[],
  prjWkt: string,
): Promise<Uint8Array> {
  const { shp, shx } = writeShp(
    // Every ring of every part is a part of the record: the orientation tells holes apart.
    features.map((f) => ({ rings: f.geometry.flat(), bbox: f.bbox })),
  );
  const { dbf, sidecar } = await writeDbf(
    exportColumns,
    features.map((f) => f.attributes),
  );
  const text = (s: string) => new TextEncoder().encode(s);
  return zipSync({
    [`${layer}.shp`]: shp,
    [`${layer}.shx`]: shx,
    [`${layer}.dbf`]: dbf,
    [`${layer}.prj`]: text(prjWkt),
    [`${layer}.cpg`]: text('UTF-8'),
    [`${layer}${sidecarSuffix}`]: text(JSON.stringify(sidecar, null, 1)),
  });
}
