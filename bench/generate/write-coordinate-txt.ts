// Ministry coordinate txt files (界址点坐标) of the data set, through Reclaim's own writer:
// one file per county and chunk (the [属性描述] section, with 行政区代码 and 带号, applies to
// a whole file), coordinates projected to the county's 3-degree Gauss–Krüger zone with the
// zone prefix (EPSG:4513–4533) by proj4, rounded to the millimetre as surveyors deliver them.
import proj4 from 'proj4';
import { writeCoordinateTxt } from '../../src/register/formats/coordinate-txt/write.ts';
import type { CoordinateTxtContent } from '../../src/register/formats/coordinate-txt/model.ts';
import { gaussKrugerFrame } from '../../src/reference/crs/cgcs2000.ts';
import { useTypes } from '../../src/register/domain/classification.ts';
import type { GeneratedParcel } from './dataset.ts';

const geographic = '+proj=longlat +ellps=GRS80 +no_defs';
const round3 = (n: number) => Math.round(n * 1000) / 1000;

function zoneProjection(zone: number): proj4.Converter {
  const frame = gaussKrugerFrame(zone, true);
  return proj4(
    geographic,
    `+proj=tmerc +lat_0=0 +lon_0=${frame.centralMeridianDeg} +k=1 +x_0=${frame.falseEastingM} +y_0=0 +ellps=GRS80 +units=m +no_defs`,
  );
}

/** Parcels of one county and zone as a GB18030, CRLF coordinate file. */
export function parcelsCoordinateTxt(parcels: readonly GeneratedParcel[]): Uint8Array {
  const first = parcels[0];
  if (!first) throw new Error('no parcels');
  const project = zoneProjection(first.zone);
  const content: CoordinateTxtContent = {
    attributes: {
      格式版本号: '1.01',
      数据产生单位: 'Reclaim 基准测试数据生成器',
      坐标系: '2000国家大地坐标系',
      几度分带: '3',
      投影类型: '高斯克吕格',
      计量单位: '米',
      带号: String(first.zone),
      精度: '0.001',
      转换参数: ',,,,,,',
      行政区代码: first.attributes.division_code,
    },
    parcels: parcels.map((p) => {
      let ringNumber = 0;
      let point = 0;
      const rings = p.coordinates.flatMap((polygon) =>
        polygon.map((ring) => {
          ringNumber += 1;
          return {
            ring: ringNumber,
            closedAsWritten: true,
            points: ring.map(([lng, lat], i) => {
              const [e, n] = project.forward([lng!, lat!]);
              // The closing point repeats the first point's name.
              if (i < ring.length - 1) point += 1;
              const name = i < ring.length - 1 ? point : point - (ring.length - 2);
              return { name: `J${name}`, x: round3(n), y: round3(e), line: 0 };
            }),
          };
        }),
      );
      return {
        pointCount: rings.reduce((n, r) => n + r.points.length, 0),
        areaHa: p.attributes.area_ha,
        code: p.attributes.code,
        name: p.attributes.project_name,
        geometryKind: '面',
        sheet: '',
        use: useTypes.find((u) => u.code === p.attributes.use_type)?.zh ?? '',
        landClassCode: '',
        extraFields: [],
        rings,
      };
    }),
  };
  return writeCoordinateTxt(content);
}
