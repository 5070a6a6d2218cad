// Exports of the register in the caller's scope: GeoJSON (EPSG:4490, every attribute) and the
// ministry coordinate txt (one 3-degree zone per file, GBK, millimetre precision), which
// imports back to the same parcels.
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type Actor, scopeLikePattern } from '../../identity/domain/actor.ts';
import { asActor } from '../../identity/scoped-db.ts';
import { findUseType } from '../domain/classification.ts';
import { writeCoordinateTxt } from '../formats/coordinate-txt/write.ts';
import type { CoordinateTxtParcel } from '../formats/coordinate-txt/model.ts';
import { exportGeoJsonRows, projectedRings, zoneOf, type ExportFilter } from './export.store.ts';

export type ExportFormat = 'geojson' | 'txt';

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
        if (format === 'geojson') {
          const rows = await exportGeoJsonRows(tx, filter);
          if (rows.length === 0) throw nothing();
          const collection = {
            type: 'FeatureCollection',
            features: rows.map(({ geometry, ...properties }) => ({
              type: 'Feature',
              id: properties.id,
              geometry,
              properties,
            })),
          };
          return {
            fileName: 'temporary-land.geojson',
            contentType: 'application/geo+json',
            bytes: new TextEncoder().encode(JSON.stringify(collection)),
            features: rows.length,
          };
        }
        const zone = await zoneOf(tx, filter);
        if (zone === null) throw nothing();
        const rows = await exportGeoJsonRows(tx, filter);
        const rings = await projectedRings(tx, filter, zone);
        const parcels: Omit<CoordinateTxtParcel, 'feature' | 'headerLine'>[] = rows.map((row) => {
          const own = rings.filter((r) => r.id === row.id);
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
          fileName: `temporary-land-zone${zone}.txt`,
          contentType: 'text/plain; charset=gb18030',
          bytes,
          features: parcels.length,
        };
      });
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
