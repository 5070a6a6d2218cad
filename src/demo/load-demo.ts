// Loads the demo data set once: demo accounts and the survey reference layers. A marker in
// reference_data_version makes a second run a no-op.
import type { Db } from '../platform/db/db.ts';
import type { Progress } from '../platform/progress.ts';
import { systemActor } from '../identity/domain/actor.ts';
import { asSystem } from '../identity/scoped-db.ts';
import type { UserService } from '../identity/users.service.ts';
import { insertBatch, insertFeatures } from '../reference/layers/layers.store.ts';
import {
  demoAreas,
  demoFarmlandParcels,
  demoLandClassParcels,
  demoPassword,
  demoUsers,
} from './demo-data.ts';

export interface DemoOutcome {
  loaded: boolean;
  users: number;
  landClassParcels: number;
  farmlandParcels: number;
}

export async function loadDemo(
  db: Db,
  users: UserService,
  progress?: Progress,
): Promise<DemoOutcome> {
  const actor = systemActor('demo');
  const [marker] = await db.query("SELECT 1 FROM reference_data_version WHERE dataset = 'demo'");
  if (marker) return { loaded: false, users: 0, landClassParcels: 0, farmlandParcels: 0 };

  const task = progress?.start('demo data', demoUsers.length + demoAreas.length);
  for (const user of demoUsers) {
    // A run that stopped half-way left some accounts: keep them, add the rest.
    const existing = await asSystem(db, actor, (tx) =>
      tx.query('SELECT 1 FROM app_user WHERE username = $1', [user.username]),
    );
    if (existing.length === 0) {
      await users.create(actor, { ...user, password: demoPassword }, 'demo data set');
    }
    task?.tick(user.username);
  }
  let landClassParcels = 0;
  let farmlandParcels = 0;
  await asSystem(
    db,
    actor,
    async (tx) => {
      for (const area of demoAreas) {
        const parcels = demoLandClassParcels(area);
        const farmland = demoFarmlandParcels(parcels, area.seed);
        const lc = await insertBatch(tx, {
          layer: 'land_class',
          divisionCode: area.divisionCode,
          surveyYear: 2024,
          source: '演示数据：年度国土变更调查地类图斑（合成）',
        });
        await insertFeatures(tx, 'land_class', lc, parcels);
        const fm = await insertBatch(tx, {
          layer: 'farmland',
          divisionCode: area.divisionCode,
          surveyYear: 2024,
          source: '演示数据：永久基本农田图斑（合成）',
        });
        await insertFeatures(tx, 'farmland', fm, farmland);
        landClassParcels += parcels.length;
        farmlandParcels += farmland.length;
        task?.tick(area.divisionCode);
      }
      await tx.query(
        `INSERT INTO reference_data_version (dataset, checksum, rows) VALUES ('demo', 'v1', $1)`,
        [landClassParcels + farmlandParcels],
      );
    },
    'demo data set',
  );
  task?.done();
  return { loaded: true, users: demoUsers.length, landClassParcels, farmlandParcels };
}
