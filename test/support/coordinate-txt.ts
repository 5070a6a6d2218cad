// Ministry coordinate txt files made in tests the way bureaus make them: GB18030 (GBK for
// Chinese text), CRLF, CGCS2000 3-degree Gauss–Krüger zone 39 with the zone prefix
// (EPSG:4527, Xuzhou), one parcel with one ring given in [lng, lat].
import proj4 from 'proj4';
import { writeCoordinateTxt } from '../../src/register/formats/coordinate-txt/write.ts';

export type Ring = [number, number][];

const zone39 =
  '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

/** A closed square ring, south-west corner at [lng, lat], `size` degrees a side. */
export const squareRing = (lng: number, lat: number, size: number): Ring => [
  [lng, lat],
  [lng + size, lat],
  [lng + size, lat + size],
  [lng, lat + size],
  [lng, lat],
];

/** A bow-tie: the ring crosses itself between its second and fourth vertices. */
export const bowTieRing = (lng: number, lat: number, size: number): Ring => [
  [lng, lat],
  [lng + size, lat + size],
  [lng + size, lat],
  [lng, lat + size],
  [lng, lat],
];

export function coordinateTxt(parcel: {
  attributes?: Record<string, string>;
  code: string;
  name: string;
  use: string;
  areaHa?: number;
  ring: Ring;
}): Buffer {
  const points = parcel.ring.map(([lng, lat], i) => {
    const [easting, northing] = proj4('EPSG:4326', zone39, [lng, lat]);
    const mm = (v: number) => Math.round(v * 1000) / 1000;
    return { name: `J${i + 1}`, x: mm(northing), y: mm(easting), line: 0 };
  });
  const bytes = writeCoordinateTxt({
    attributes: {
      坐标系: '2000国家大地坐标系',
      几度分带: '3',
      投影类型: '高斯克吕格',
      计量单位: '米',
      带号: '39',
      ...parcel.attributes,
    },
    parcels: [
      {
        pointCount: null,
        areaHa: parcel.areaHa ?? null,
        code: parcel.code,
        name: parcel.name,
        geometryKind: '面',
        sheet: '',
        use: parcel.use,
        landClassCode: '',
        extraFields: [],
        rings: [{ ring: 1, closedAsWritten: true, points }],
      },
    ],
  });
  return Buffer.from(bytes);
}
