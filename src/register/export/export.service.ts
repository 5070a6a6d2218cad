// Exports of the register in the caller's scope, in the formats imports read: GeoJSON, zipped
// Shapefile, GeoPackage, KML and CSV with WKT (EPSG:4490, every attribute of export-columns.ts),
// and the ministry coordinate txt (one 3-degree zone per file, GBK, millimetre precision).
// Each imports back to the same parcels and attributes (export.test.ts).
import type { Db, Queryable } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type Actor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { asActor } from '../../identity/scoped-db.ts';
import { findUseType } from '../domain/classification.ts';
import { writeCoordinateTxt } from '../formats/coordinate-txt/write.ts';
import type { CoordinateTxtParcel } from '../formats/coordinate-txt/model.ts';
import {
  exportFeatures,
  frameWkt,
  projectedRings,
  zoneOf,
  type ExportFeature,
  type ExportFilter,
  type GeometryEncoding,
  type ProjectedRing,
} from './export.store.ts';
import { writeCsv } from './write-csv.ts';
import { writeGeoPackage } from './write-geopackage.ts';
import { writeKml } from './write-kml.ts';
import { writeShapefile, type ClockwiseMultiPolygon } from './write-shapefile.ts';

export const exportFormats = ['geojson', 'shapefile', 'gpkg', 'kml', 'csv', 'txt'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The stem of every exported file's name (and of the layer inside a Shapefile zip). */
const stem = 'temporary-land';
const title = '临时用地';

export interface ExportOptions {
  divisionCode?: string;
  state?: string;
  includeWrittenOff?: boolean;
}

export interface ExportedFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  features: number;
}

/** How a file format is made: the geometry encoding it asks PostGIS for, and its writer. */
interface FileWriter<G> {
  encoding: GeometryEncoding;
  extension: string;
  contentType: string;
  write(features: readonly ExportFeature<G>[], tx: Queryable): Uint8Array | Promise<Uint8Array>;
}

// Each writer takes the geometry its encoding yields (export.store.ts); `write` is a method, so
// its parameter is bivariant and the writers fit one table.
const fileWriters: Record<Exclude<ExportFormat, 'txt'>, FileWriter<unknown>> = {
  geojson: {
    encoding: 'geojson',
    extension: 'geojson',
    contentType: 'application/geo+json',
    write: (features) =>
      new TextEncoder().encode(
        JSON.stringify({
          type: 'FeatureCollection',
          features: features.map(({ attributes, geometry }) => ({
            type: 'Feature',
            id: attributes.id,
            geometry,
            properties: attributes,
          })),
        }),
      ),
  },
  shapefile: {
    encoding: 'clockwiseCoordinates',
    extension: 'zip',
    contentType: 'application/zip',
    write: async (features: readonly ExportFeature<ClockwiseMultiPolygon>[], tx) =>
      writeShapefile(stem, features, await frameWkt(tx, 4490)),
  },
  gpkg: {
    encoding: 'wkb',
    extension: 'gpkg',
    contentType: 'application/geopackage+sqlite3',
    write: async (features: readonly ExportFeature<Uint8Array>[], tx) =>
      writeGeoPackage({
        table: 'temporary_land',
        title,
        description: '临时用地与复垦监管平台导出的临时用地图斑（CGCS2000，EPSG:4490）',
        features,
        wkt4490: await frameWkt(tx, 4490),
        wkt4326: await frameWkt(tx, 4326),
      }),
  },
  kml: {
    encoding: 'kml',
    extension: 'kml',
    contentType: 'application/vnd.google-earth.kml+xml',
    write: (features: readonly ExportFeature<string>[]) => writeKml(title, features),
  },
  csv: {
    encoding: 'wkt',
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8',
    write: (features: readonly ExportFeature<string>[]) => writeCsv(features),
  },
};

const nothing = () =>
  new AppError('not_found', {
    code: 'EXPORT_EMPTY',
    messageZh: '没有可导出的记录',
    messageEn: 'no records to export',
  });

export function createExportService(db: Db) {
  const filterFor = (actor: Actor, options: ExportOptions): ExportFilter => ({
    scopeLike: scopeLikePattern(actor),
    ...(options.divisionCode ? { divisionCode: options.divisionCode } : {}),
    ...(options.state ? { state: options.state } : {}),
    includeWrittenOff: options.includeWrittenOff ?? false,
  });

  return {
    async export(
      actor: Actor,
      format: ExportFormat,
      options: ExportOptions = {},
    ): Promise<ExportedFile> {
      const filter = filterFor(actor, options);
      return asActor(db, actor, async (tx) => {
        if (format !== 'txt') {
          const writer = fileWriters[format];
          const features = await exportFeatures(tx, filter, writer.encoding);
          if (features.length === 0) throw nothing();
          return {
            fileName: `${stem}.${writer.extension}`,
            contentType: writer.contentType,
            bytes: await writer.write(features, tx),
            features: features.length,
          };
        }
        const zone = await zoneOf(tx, filter);
        if (zone === null) throw nothing();
        const rows = (await exportFeatures(tx, filter, 'none')).map((f) => f.attributes);
        const rings = new Map<string, ProjectedRing[]>();
        for (const r of await projectedRings(tx, filter, zone)) {
          const own = rings.get(r.id);
          if (own) own.push(r);
          else rings.set(r.id, [r]);
        }
        const parcels: Omit<CoordinateTxtParcel, 'feature' | 'headerLine'>[] = rows.map((row) => {
          const own = rings.get(row.id) ?? [];
          return {
            pointCount: own.reduce((n, r) => n + r.points.length, 0),
            areaHa: Math.round((row.areaM2 / 10_000) * 10_000) / 10_000,
            code: row.systemNumber ?? row.id,
            name: row.projectName.replace(/,/g, '，'),
            geometryKind: '面',
            sheet: '',
            use: findUseType(row.useType)?.zh.replace(/,/g, '，') ?? row.useType,
            landClassCode: '',
            extraFields: [],
            rings: own.map((r) => ({
              ring: r.ring,
              closedAsWritten: true,
              points: r.points.map(([x, y], i) => ({ name: `J${i + 1}`, x, y, line: 0 })),
            })),
          };
        });
        const bytes = writeCoordinateTxt({
          attributes: {
            格式版本号: '1.01',
            数据产生单位: 'Reclaim',
            坐标系: '2000国家大地坐标系',
            几度分带: '3',
            投影类型: '高斯克吕格',
            计量单位: '米',
            带号: String(zone),
            精度: '0.001',
            转换参数: ',,,,,,',
          },
          parcels,
        });
        return {
          fileName: `${stem}-zone${zone}.txt`,
          contentType: 'text/plain; charset=gb18030',
          bytes,
          features: parcels.length,
        };
      });
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
