// The set-based staging of an import batch: clean shapes of every kind are staged by the one
// statement with the same coordinates as the one-by-one path; faulty ones are left to
// buildGeometry, and an input PostGIS refuses outright does not stop the rest of the batch.
import { beforeAll, expect, it } from 'vitest';
import { describeEachMode } from '../../../test/support/test-db.ts';
import { buildGeometry } from './build-geometry.store.ts';
import type { CandidateShape, ImportCandidate } from './candidate.ts';
import { createImportStage, stageBatch, stageBuilt } from './import-stage.store.ts';

const ring = (lng: number, lat: number, size: number): [number, number][] => [
  [lng, lat],
  [lng + size, lat],
  [lng + size, lat + size],
  [lng, lat + size],
  [lng, lat],
];
const wktOf = (points: [number, number][]) =>
  `POLYGON((${points.map(([x, y]) => `${x} ${y}`).join(',')}))`;

const candidate = (feature: number, shape: CandidateShape): ImportCandidate => ({
  feature,
  label: `P${feature}`,
  properties: {},
  shape,
});

describeEachMode('import stage', (db) => {
  let wkbHex: string;
  let projected: [number, number][];

  beforeAll(async () => {
    const [row] = await db().query<{ hex: string }>(
      `SELECT encode(ST_AsBinary(ST_GeomFromText($1)), 'hex') AS hex`,
      [wktOf(ring(117.42, 34.41, 0.001))],
    );
    wkbHex = row!.hex;
    // A square in zone 39 (EPSG:4527, zone-prefixed eastings), as a coordinate txt has it.
    const points = await db().query<{ e: number; n: number }>(
      `SELECT ST_X(p) AS e, ST_Y(p) AS n FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lng, lat, i),
              LATERAL (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(lng, lat), 4490), 4527) AS p) g ORDER BY i`,
      [ring(117.43, 34.42, 0.001).map((c) => c[0]), ring(117.43, 34.42, 0.001).map((c) => c[1])],
    );
    projected = points.map((p) => [p.e, p.n]);
  });

  const clean = (): ImportCandidate[] => [
    candidate(1, {
      kind: 'geojson',
      srid: 4490,
      geometry: { type: 'Polygon', coordinates: [ring(117.41, 34.4, 0.001)] },
    }),
    candidate(2, { kind: 'wkt', srid: 4490, wkt: wktOf(ring(117.44, 34.4, 0.001)) }),
    candidate(3, { kind: 'wkb', srid: 4490, wkbHex }),
    candidate(4, { kind: 'rings', srid: 4527, rings: [{ ring: 1, points: projected }] }),
  ];

  it('stages clean shapes of every kind with the coordinates the one-by-one path stores', async () => {
    await db().transaction(async (tx) => {
      const stage = await createImportStage(tx);
      const items = clean().map((c, i) => ({ seq: i + 1, candidate: c }));
      expect([...(await stageBatch(tx, stage, items))].sort()).toEqual([1, 2, 3, 4]);
      for (const { seq, candidate: c } of items) {
        const one = await buildGeometry(tx, c, 'f');
        await stageBuilt(tx, stage, 100 + seq, one.built!.geometry);
      }
      const rows = await tx.query<{ same: boolean; type: string; srid: number }>(
        `SELECT ST_Equals(a.geom, b.geom) AND ST_AsBinary(a.geom) = ST_AsBinary(b.geom) AS same,
                GeometryType(a.geom) AS type, ST_SRID(a.geom) AS srid
         FROM ${stage} a JOIN ${stage} b ON b.seq = a.seq + 100 ORDER BY a.seq`,
      );
      expect(rows).toEqual(
        Array.from({ length: 4 }, () => ({ same: true, type: 'MULTIPOLYGON', srid: 4490 })),
      );
    });
  });

  it('leaves faulty shapes to buildGeometry and stages the rest despite an unreadable one', async () => {
    const bowTie: [number, number][] = [
      [117.45, 34.43],
      [117.452, 34.432],
      [117.452, 34.43],
      [117.45, 34.432],
      [117.45, 34.43],
    ];
    const faulty = [
      candidate(5, {
        kind: 'geojson',
        srid: 4490,
        geometry: { type: 'Polygon', coordinates: [bowTie] },
      }),
      candidate(6, { kind: 'wkt', srid: 4490, wkt: 'POLYGON((1 2, 3' }), // PostGIS refuses it outright
      candidate(7, { kind: 'wkt', srid: 4490, wkt: wktOf(ring(10, 50, 0.001)) }), // outside China
      candidate(8, { kind: 'rings', srid: 4490, rings: [{ ring: 1, points: bowTie }] }),
    ];
    await db().transaction(async (tx) => {
      const stage = await createImportStage(tx);
      const items = [...clean(), ...faulty].map((c, i) => ({ seq: i + 1, candidate: c }));
      expect([...(await stageBatch(tx, stage, items))].sort()).toEqual([1, 2, 3, 4]);
      const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${stage}`);
      expect(count?.n).toBe(4);
    });
  });
});
