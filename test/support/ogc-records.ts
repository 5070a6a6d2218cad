// Register records for the OGC API tests, created through the register service: published
// and unpublished records in Jiawang, a written-off one, and published and unpublished ones
// in other divisions (out of a Jiawang clerk's scope). Squares of 0.002° at known places.
import { systemActor } from '../../src/identity/domain/actor.ts';
import { asSystem } from '../../src/identity/scoped-db.ts';
import { insertBatch, insertFeatures } from '../../src/reference/layers/layers.store.ts';
import { jiawangApproval } from './approvals.ts';
import { square } from './shapes.ts';
import type { TestApp } from './test-app.ts';

export interface SeededRecord {
  id: string;
  divisionCode: string;
  projectName: string;
  /** South-west corner [lng, lat]. */
  corner: [number, number];
  published: boolean;
  writtenOff: boolean;
}

export interface OgcSeed {
  records: SeededRecord[];
  /** Jiawang records the public sees (published, not written off), west to east. */
  publicJiawang: SeededRecord[];
}

const base = { ...jiawangApproval, useType: 'material_yard' };

const plan: Omit<SeededRecord, 'id'>[] = [
  ...[0, 1, 2, 3, 4].map((i) => ({
    divisionCode: '320305',
    projectName: `贾汪公示项目${i + 1}`,
    corner: [117.4 + i * 0.01, 34.4] as [number, number],
    published: true,
    writtenOff: false,
  })),
  {
    divisionCode: '320305',
    projectName: '贾汪未公示项目',
    corner: [117.45, 34.41],
    published: false,
    writtenOff: false,
  },
  {
    divisionCode: '320305',
    projectName: '贾汪已核销项目',
    corner: [117.46, 34.41],
    published: true,
    writtenOff: true,
  },
  {
    divisionCode: '320312',
    projectName: '铜山公示项目',
    corner: [117.2, 34.2],
    published: true,
    writtenOff: false,
  },
  {
    divisionCode: '140212',
    projectName: '新荣未公示项目',
    corner: [113.1, 40.1],
    published: false,
    writtenOff: false,
  },
];

export async function seedOgcRecords(t: TestApp): Promise<OgcSeed> {
  const system = systemActor('test');
  const records: SeededRecord[] = [];
  for (const p of plan) {
    const created = await t.services.register.create(
      system,
      {
        ...base,
        divisionCode: p.divisionCode,
        projectName: p.projectName,
        geometry: square(p.corner[0], p.corner[1]),
        ...(p.published
          ? { disclosurePublishedOn: '2026-02-10', disclosureWhere: '门户网站' }
          : {}),
      },
      'ogc test data',
    );
    if (p.writtenOff) {
      await t.services.writeOffs.request(
        system,
        { recordId: created.id, reasonCode: 'DUPLICATE_RECORD', occurredOn: '2026-03-01' },
        'ogc test data',
      );
    }
    records.push({ ...p, id: created.id });
  }
  return {
    records,
    publicJiawang: records.filter(
      (r) => r.divisionCode === '320305' && r.published && !r.writtenOff,
    ),
  };
}

/** One current land-class batch per division with one parcel each (survey code `LC{code}`). */
export async function seedLandClassLayers(t: TestApp, places: Record<string, [number, number]>) {
  await asSystem(
    t.services.db,
    systemActor('test'),
    async (tx) => {
      for (const [code, [lng, lat]] of Object.entries(places)) {
        const batch = await insertBatch(tx, {
          layer: 'land_class',
          divisionCode: code,
          surveyYear: 2024,
          source: 'ogc test',
        });
        await insertFeatures(tx, 'land_class', batch, [
          {
            divisionCode: code,
            surveyCode: `LC${code}`,
            landClassCode: '0103',
            geometry: square(lng, lat, 0.01),
          },
        ]);
      }
    },
    'ogc test data',
  );
}
