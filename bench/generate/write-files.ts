// Writes the data set's exchange files under one folder: the approvals as GeoJSON, GeoPackage
// and coordinate txt (the same parcels in each, in chunks an import accepts), the change
// polygons as GeoJSON, and a manifest with counts and each file's SHA-256.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dataset, GeneratedParcel } from './dataset.ts';
import { changesGeoJson, parcelsGeoJson } from './write-geojson.ts';
import { parcelsGeoPackage } from './write-geopackage.ts';
import { parcelsCoordinateTxt } from './write-coordinate-txt.ts';

export type FileFormat = 'geojson' | 'gpkg' | 'txt';
export const fileFormats: readonly FileFormat[] = ['geojson', 'gpkg', 'txt'];

export interface WrittenFile {
  /** Path relative to the output folder. */
  path: string;
  format: FileFormat | 'changes';
  features: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  seed: number;
  parcels: number;
  changes: number;
  landClassFeatures: number;
  farmlandFeatures: number;
  clusters: {
    divisionCode: string;
    county: string;
    mine: string;
    parcels: number;
    box: number[];
  }[];
  files: WrittenFile[];
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const serial = (n: number) => String(n).padStart(4, '0');

/** Writes every file; `chunkSize` parcels at most per file (default 10,000). */
export async function writeDatasetFiles(
  dataset: Dataset,
  dir: string,
  options: { chunkSize?: number; formats?: readonly FileFormat[] } = {},
): Promise<Manifest> {
  const chunkSize = options.chunkSize ?? 10_000;
  const formats = options.formats ?? fileFormats;
  const files: WrittenFile[] = [];
  const put = async (
    path: string,
    format: WrittenFile['format'],
    features: number,
    bytes: Uint8Array,
  ) => {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), bytes);
    files.push({
      path,
      format,
      features,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  };
  const chunks = chunked(dataset.parcels, chunkSize);
  if (formats.includes('geojson'))
    for (const [i, part] of chunks.entries())
      await put(
        `geojson/parcels-${serial(i + 1)}.geojson`,
        'geojson',
        part.length,
        parcelsGeoJson(part),
      );
  if (formats.includes('gpkg'))
    for (const [i, part] of chunks.entries())
      await put(
        `gpkg/parcels-${serial(i + 1)}.gpkg`,
        'gpkg',
        part.length,
        await parcelsGeoPackage(part),
      );
  if (formats.includes('txt')) {
    // One county per file: its 行政区代码 and zone are file attributes.
    const byCounty = new Map<string, GeneratedParcel[]>();
    for (const p of dataset.parcels) {
      const list = byCounty.get(p.attributes.division_code) ?? [];
      list.push(p);
      byCounty.set(p.attributes.division_code, list);
    }
    for (const [division, parcels] of byCounty)
      for (const [i, part] of chunked(parcels, chunkSize).entries())
        await put(
          `txt/parcels-${division}-${serial(i + 1)}.txt`,
          'txt',
          part.length,
          parcelsCoordinateTxt(part),
        );
  }
  await put('changes.geojson', 'changes', dataset.changes.length, changesGeoJson(dataset.changes));
  const manifest: Manifest = {
    seed: dataset.seed,
    parcels: dataset.parcels.length,
    changes: dataset.changes.length,
    landClassFeatures: dataset.landClass.reduce((n, l) => n + l.length, 0),
    farmlandFeatures: dataset.farmland.reduce((n, l) => n + l.length, 0),
    clusters: dataset.clusters.map((c) => ({
      divisionCode: c.site.divisionCode,
      county: c.site.county,
      mine: c.site.mine,
      parcels: c.parcels,
      box: c.box.map((v) => Math.round(v * 1e6) / 1e6),
    })),
    files,
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
