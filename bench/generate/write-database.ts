// Loads the data set straight into a Reclaim database (either mode), as the system with a
// reason, so history triggers stamp every row: a land-class and a farmland batch per cluster
// (Reclaim's own layers.store insert), and the approvals as temporary_land rows in batched
// INSERT … SELECT FROM jsonb_to_recordset, areas computed by the database's trigger.
import type { Db, Queryable } from '../../src/platform/db/db.ts';
import { systemActor } from '../../src/identity/domain/actor.ts';
import { asSystem } from '../../src/identity/scoped-db.ts';
import { insertBatch, insertFeatures } from '../../src/reference/layers/layers.store.ts';
import type { Dataset, GeneratedParcel } from './dataset.ts';

const batchSize = 2000;
const reason = 'synthetic benchmark data (bench/generate)';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function insertParcels(tx: Queryable, parcels: readonly GeneratedParcel[]): Promise<void> {
  const rows = parcels.map((p) => ({
    ...p.attributes,
    state: p.state,
    declared_area_m2: Math.round(p.attributes.area_ha * 10_000 * 100) / 100,
    // Registered records have a system number: {county}-{year}-{sequence}.
    system_number:
      p.state === 'approved'
        ? null
        : `${p.attributes.division_code}-${p.attributes.approval_date.slice(0, 4)}-B${String(p.index).padStart(6, '0')}`,
    registered_on: p.state === 'approved' ? null : p.attributes.term_start,
    source: { generator: 'bench/generate', code: p.attributes.code },
    geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: p.coordinates }),
  }));
  await tx.query(
    `INSERT INTO temporary_land (division_code, province_code, state, system_number, project_name, project_class,
       use_type, approval_number, approval_date, approval_body, approval_level, term_start, term_end,
       project_owner, land_user, declared_area_m2, registered_on, source, geom)
     SELECT r.division_code, left(r.division_code, 2), r.state, r.system_number, r.project_name, r.project_class,
       r.use_type, r.approval_number, r.approval_date, r.approval_body, r.approval_level, r.term_start, r.term_end,
       r.project_owner, r.land_user, r.declared_area_m2, r.registered_on, r.source,
       ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4490))
     FROM jsonb_to_recordset($1::jsonb) AS r(division_code text, state text, system_number text, project_name text,
       project_class text, use_type text, approval_number text, approval_date date, approval_body text,
       approval_level text, term_start date, term_end date, project_owner text, land_user text,
       declared_area_m2 float8, registered_on date, source jsonb, geometry text)`,
    [JSON.stringify(rows)],
  );
}

export interface LoadOptions {
  /** Load the approvals too (default true); benchmarks of imports load only the layers. */
  parcels?: boolean;
  onProgress?: (what: string, done: number, total: number) => void;
}

/** Writes the data set; one transaction per cluster. */
export async function loadDataset(db: Db, dataset: Dataset, options: LoadOptions = {}) {
  const actor = systemActor('bench-generate');
  const counts = { parcels: 0, landClass: 0, farmland: 0 };
  for (const plan of dataset.clusters) {
    await asSystem(
      db,
      actor,
      async (tx) => {
        for (const layer of ['land_class', 'farmland'] as const) {
          const features =
            (layer === 'land_class' ? dataset.landClass : dataset.farmland)[plan.index] ?? [];
          const batch = await insertBatch(tx, {
            layer,
            divisionCode: plan.site.divisionCode,
            surveyYear: 2024,
            source: `合成基准数据（seed ${dataset.seed}，${plan.site.county}${plan.site.mine}）`,
          });
          for (const part of chunks(features, batchSize))
            await insertFeatures(tx, layer, batch, part);
          counts[layer === 'land_class' ? 'landClass' : 'farmland'] += features.length;
        }
        if (options.parcels ?? true) {
          const parcels = dataset.parcels.filter((p) => p.cluster === plan.index);
          for (const part of chunks(parcels, batchSize)) await insertParcels(tx, part);
          counts.parcels += parcels.length;
        }
      },
      reason,
    );
    options.onProgress?.('cluster', plan.index + 1, dataset.clusters.length);
  }
  return counts;
}
