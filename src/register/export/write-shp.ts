// The geometry files of an exported Shapefile (.shp and its index .shx): polygon records
// (shape type 5) as the ESRI Shapefile Technical Description (1998) lays them out. The rings
// arrive oriented by PostGIS (outer clockwise, holes counter-clockwise, ST_ForcePolygonCW);
// this only lays them out in bytes.

/** One record: every ring of every part, [lng, lat] in EPSG:4490, and its bounding box. */
export interface ShpPolygon {
  rings: [number, number][][];
  /** [minX, minY, maxX, maxY] */
  bbox: readonly [number, number, number, number];
}

const polygonShape = 5;
const headerBytes = 100;

function header(view: DataView, fileBytes: number, bbox: readonly number[]): void {
  view.setInt32(0, 9994, false); // file code
  view.setInt32(24, fileBytes / 2, false); // length in 16-bit words
  view.setInt32(28, 1000, true); // version
  view.setInt32(32, polygonShape, true);
  bbox.forEach((v, i) => view.setFloat64(36 + i * 8, v, true)); // Xmin, Ymin, Xmax, Ymax; Z and M stay 0
}

/** The byte length of a record's content (after its 8-byte header). */
const contentBytes = (p: ShpPolygon) =>
  44 + 4 * p.rings.length + 16 * p.rings.reduce((n, r) => n + r.length, 0);

/** .shp and .shx for `polygons`, in order (record numbers 1…). */
export function writeShp(polygons: readonly ShpPolygon[]): { shp: Uint8Array; shx: Uint8Array } {
  const shpBytes = headerBytes + polygons.reduce((n, p) => n + 8 + contentBytes(p), 0);
  const shxBytes = headerBytes + 8 * polygons.length;
  const shp = new DataView(new ArrayBuffer(shpBytes));
  const shx = new DataView(new ArrayBuffer(shxBytes));
  // A loop, not Math.min(...all): a spread of 100,000 arguments overflows the stack.
  const extent = polygons.reduce<number[]>(
    (e, { bbox: b }) => [
      Math.min(e[0]!, b[0]),
      Math.min(e[1]!, b[1]),
      Math.max(e[2]!, b[2]),
      Math.max(e[3]!, b[3]),
    ],
    polygons[0] ? [...polygons[0].bbox] : [0, 0, 0, 0],
  );
  header(shp, shpBytes, extent);
  header(shx, shxBytes, extent);
  let at = headerBytes;
  polygons.forEach((p, i) => {
    const length = contentBytes(p);
    shx.setInt32(headerBytes + i * 8, at / 2, false);
    shx.setInt32(headerBytes + i * 8 + 4, length / 2, false);
    shp.setInt32(at, i + 1, false);
    shp.setInt32(at + 4, length / 2, false);
    const c = at + 8;
    shp.setInt32(c, polygonShape, true);
    p.bbox.forEach((v, k) => shp.setFloat64(c + 4 + k * 8, v, true));
    const points = p.rings.flat();
    shp.setInt32(c + 36, p.rings.length, true);
    shp.setInt32(c + 40, points.length, true);
    let start = 0;
    p.rings.forEach((ring, k) => {
      shp.setInt32(c + 44 + k * 4, start, true);
      start += ring.length;
    });
    const first = c + 44 + 4 * p.rings.length;
    points.forEach(([x, y], k) => {
      shp.setFloat64(first + k * 16, x, true);
      shp.setFloat64(first + k * 16 + 8, y, true);
    });
    at += 8 + length;
  });
  return { shp: new Uint8Array(shp.buffer), shx: new Uint8Array(shx.buffer) };
}
