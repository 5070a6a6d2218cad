// Runs once per test run: builds the migrated embedded template (cached on disk by the
// hash of migrations and reference data) and starts a throwaway PostgreSQL cluster with a
// migrated template database. Test files then clone these instead of migrating again.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  renameSync,
} from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../src/platform/db/pglite-driver.ts';
import { openPg } from '../../src/platform/db/pg-driver.ts';
import { migrationsDir } from '../../src/platform/db/migrate.ts';
import { divisionFileUrl } from '../../src/reference/divisions/division-file.ts';
import { prepareDatabase } from '../../src/startup/prepare-database.ts';
import { clusterAvailable, startCluster, type Cluster } from './pg-cluster.ts';
import { testModes, templateDatabase } from './modes.ts';

const cacheDir = join(import.meta.dirname, '../../node_modules/.cache/reclaim-test');

function templateKey(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) {
    hash.update(file).update(readFileSync(join(migrationsDir, file)));
  }
  hash.update(readFileSync(divisionFileUrl));
  hash.update(
    readFileSync(new URL('../../node_modules/chinese-days/package.json', import.meta.url)),
  );
  return hash.digest('hex').slice(0, 16);
}

async function embeddedTemplate(): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `pglite-template-${templateKey()}.tar`);
  if (existsSync(path)) return path;
  const db = await openPglite();
  await prepareDatabase(db);
  const dump = await db.dump();
  await db.close();
  writeFileSync(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${path}.tmp`, path);
  return path;
}

async function serverTemplate(adminUrl: string): Promise<void> {
  const admin = await openPg({ url: adminUrl, poolMax: 1 });
  await admin.exec(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.exec(`CREATE DATABASE ${templateDatabase}`);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${templateDatabase}`;
  const db = await openPg({ url: url.toString(), poolMax: 2 });
  await prepareDatabase(db);
  await db.close();
}

export default async function setup(project: TestProject): Promise<() => void> {
  const modes = testModes();
  let cluster: Cluster | undefined;
  project.provide('pgliteTemplate', modes.includes('embedded') ? await embeddedTemplate() : '');
  let adminUrl = process.env.RECLAIM_TEST_ADMIN_URL ?? '';
  if (modes.includes('server')) {
    if (!adminUrl) {
      const available = clusterAvailable();
      if (!available.ok) {
        throw new Error(
          `server-mode tests need PostgreSQL 15 + PostGIS (${available.why}). ` +
            'Install them with: apt-get install -y postgresql-15-postgis-3 ' +
            '(or point RECLAIM_TEST_ADMIN_URL at a PostgreSQL+PostGIS server you may create databases on).',
        );
      }
      cluster = await startCluster();
      adminUrl = cluster.adminUrl;
    }
    await serverTemplate(adminUrl);
  }
  project.provide('pgAdminUrl', adminUrl);
  return () => cluster?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgAdminUrl: string;
  }
}
