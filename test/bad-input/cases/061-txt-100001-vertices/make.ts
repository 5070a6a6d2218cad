// One parcel with 100,001 point lines, one over the reader's per-parcel limit.
import { writeCoordinateTxt } from '../../../../src/register/formats/coordinate-txt/write.ts';

export const fileName = 'many-vertices.txt';
export function make(): Uint8Array {
  const count = 100_001;
  const points = Array.from({ length: count }, (_, i) => {
    const a = (2 * Math.PI * i) / count;
    return {
      name: `J${i + 1}`,
      x: Math.round((3_812_000 + 400 * Math.sin(a)) * 1000) / 1000,
      y: Math.round((39_512_000 + 400 * Math.cos(a)) * 1000) / 1000,
      line: 0,
    };
  });
  return writeCoordinateTxt({
    attributes: { 坐标系: '2000国家大地坐标系', 几度分带: '3', 带号: '39' },
    parcels: [
      {
        pointCount: null,
        areaHa: null,
        code: 'TL-1',
        name: '某项目材料堆场',
        geometryKind: '面',
        sheet: '',
        use: '材料堆场',
        landClassCode: '',
        extraFields: [],
        rings: [{ ring: 1, closedAsWritten: true, points }],
      },
    ],
  });
}
