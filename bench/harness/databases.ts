// Databases for benchmarks: a throwaway PostgreSQL 15 cluster (the tests' own, started on
// first use) and PGlite; in each mode a template prepared once (migrations, reference data and
// whatever a benchmark loads) and cloned before every repetition, outside the timing.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/platform/db/db.ts';
import { type CpuClock, processCpu, serverCpu, sumCpu } from './cpu.ts';
import { openPg } from '../../src/platform/db/pg-driver.ts';
import { openPglite } from '../../src/platform/db/pglite-driver.ts';
import { prepareDatabase } from '../../src/startup/prepare-database.ts';
import { clusterAvailable, startCluster, type Cluster } from '../../test/support/pg-cluster.ts';

export interface ServerClone {
  db: Db;
  /** postgres://… of the clone, for clients other than Reclaim (COPY, ogr2ogr). */
  url: string;
  drop(): Promise<void>;
}

export interface Template<T> {
  clone(): Promise<T>;
}

export interface BenchDatabases {
  /** Server and PostGIS versions of both modes, for the report. */
  versions(): Promise<Record<string, string>>;
  serverTemplate(name: string, fill: (db: Db) => Promise<void>): Promise<Template<ServerClone>>;
  embeddedTemplate(fill: (db: Db) => Promise<void>): Promise<Template<Db>>;
  /**
   * A CPU clock of this process and, once started, the server cluster (cpu.ts); undefined off
   * Linux. Embedded mode runs inside this process, so its clock counts PGlite too.
   */
  cpu(): Promise<CpuClock | undefined>;
  close(): Promise<void>;
}

const databaseUrl = (adminUrl: string, name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

export function benchDatabases(): BenchDatabases {
  let cluster: Promise<Cluster> | undefined;
  const templates: string[] = [];
  const adminUrl = async () => {
    if (!cluster) {
      const available = clusterAvailable();
      if (!available.ok)
        throw new Error(`server mode needs PostgreSQL 15 + PostGIS: ${available.why}`);
      cluster = startCluster();
    }
    return (await cluster).adminUrl;
  };
  const admin = async (sql: string) => {
    const db = await openPg({ url: await adminUrl(), poolMax: 1 });
    try {
      await db.exec(sql);
    } finally {
      await db.close();
    }
  };
  return {
    async versions() {
      const out: Record<string, string> = {};
      const server = await openPg({ url: await adminUrl(), poolMax: 1 });
      const embedded = await openPglite();
      try {
        for (const [mode, db] of [
          ['server', server],
          ['embedded', embedded],
        ] as const) {
          await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
          const [row] = await db.query<{ pg: string; postgis: string; geos: string }>(
            `SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis,
                    postgis_geos_version() AS geos`,
          );
          out[mode] = `PostgreSQL ${row?.pg}, PostGIS ${row?.postgis}, GEOS ${row?.geos}`;
        }
      } finally {
        await server.close();
        await embedded.close();
      }
      return out;
    },

    async serverTemplate(name, fill) {
      const template = `bench_${name}_${randomBytes(4).toString('hex')}`;
      await admin(`CREATE DATABASE ${template}`);
      templates.push(template);
      const db = await openPg({ url: databaseUrl(await adminUrl(), template), poolMax: 2 });
      try {
        await prepareDatabase(db);
        await fill(db);
        await db.exec('VACUUM ANALYZE');
      } finally {
        await db.close();
      }
      return {
        async clone() {
          const name = `${template}_${randomBytes(4).toString('hex')}`;
          await admin(`CREATE DATABASE ${name} TEMPLATE ${template}`);
          const url = databaseUrl(await adminUrl(), name);
          const db = await openPg({ url, poolMax: 4 });
          return {
            db,
            url,
            async drop() {
              await db.close();
              await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            },
          };
        },
      };
    },

    async embeddedTemplate(fill) {
      const db = await openPglite();
      let archive: Blob;
      try {
        await prepareDatabase(db);
        await fill(db);
        await db.exec('VACUUM ANALYZE');
        archive = await db.dump();
      } finally {
        await db.close();
      }
      return { clone: () => openPglite({ loadDataDir: archive }) };
    },

    async cpu() {
      if (!cluster) return processCpu();
      const { dir } = await cluster;
      const postmaster = Number(
        readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      return sumCpu(processCpu(), serverCpu(postmaster));
    },

    async close() {
      if (!cluster) return;
      for (const t of templates)
        await admin(`DROP DATABASE IF EXISTS ${t} WITH (FORCE)`).catch(() => undefined);
      (await cluster).stop();
    },
  };
}
