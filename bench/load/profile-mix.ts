// Where the server spends its time under one request mix: generated parcels in a throwaway
// server database, Reclaim in a child process with a V8 CPU profile, autocannon driving the
// mix, then the profile's heaviest functions by self time.
//
//   node --import tsx bench/load/profile-mix.ts --mix "record by id" --parcels 20000 \
//     --connections 8 --seconds 20 --out /tmp/prof
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { generateDataset } from '../generate/dataset.ts';
import { loadDataset } from '../generate/write-database.ts';
import { processCpu, serverCpu } from '../harness/cpu.ts';
import { benchDatabases } from '../harness/databases.ts';
import { createUserService } from '../../src/identity/users.service.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { busiestProvince, createLoadAccount } from './account.ts';
import { drive } from './drive.ts';
import { mixes, type MixName } from './mixes.ts';
import { startServer } from './start-server.ts';
import { loadTargets } from './targets.ts';

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive integer');
  return n;
};

const options = new Command()
  .option('--mix <name>', 'request mix (bench/load/mixes.ts)', 'record by id')
  .option('--parcels <n>', 'generated parcels', positive, 20_000)
  .option('--connections <n>', 'client connections', positive, 8)
  .option('--seconds <n>', 'seconds of load', positive, 20)
  .option('--top <n>', 'functions listed', positive, 40)
  .option('--socket', 'the server reaches PostgreSQL by its Unix socket instead of TCP')
  .requiredOption('--out <dir>', 'folder for the .cpuprofile')
  .parse()
  .opts<{
    mix: string;
    parcels: number;
    connections: number;
    seconds: number;
    top: number;
    socket?: boolean;
    out: string;
  }>();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name, file and line), heaviest first, in ms. */
function selfTimes(profile: CpuProfile): { name: string; ms: number }[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame;
    const file = frame.url
      .replace(/^.*node_modules\//, '~/')
      .replace(/^file:\/\/.*?\/src\//, 'src/');
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/** The clone's URL by the server's Unix socket (libpq's `host=` folder and port). */
async function socketUrl(db: Db, url: string): Promise<string> {
  const [row] = await db.query<{ dir: string; port: string }>(
    `SELECT split_part(current_setting('unix_socket_directories'), ',', 1) AS dir,
            current_setting('port') AS port`,
  );
  const tcp = new URL(url);
  const socket = new URL(`postgres://${tcp.username}@localhost${tcp.pathname}`);
  socket.searchParams.set('host', row!.dir);
  socket.searchParams.set('port', row!.port);
  return socket.toString();
}

const databases = benchDatabases();
try {
  const dataset = generateDataset({ seed: 1, parcels: options.parcels });
  const template = await databases.serverTemplate('profile', (db) =>
    loadDataset(db, dataset).then(() => undefined),
  );
  const clone = await template.clone();
  await mkdir(options.out, { recursive: true });
  const server = await startServer({
    databaseUrl: options.socket ? await socketUrl(clone.db, clone.url) : clone.url,
    cpuProfDir: options.out,
  });
  try {
    const province = busiestProvince(dataset.parcels.map((p) => p.attributes.division_code));
    const account = await createLoadAccount(createUserService(clone.db), server.url, province);
    const targets = await loadTargets(clone.db, province, 500, 1);
    const registrations = dataset.parcels.filter((p) =>
      p.attributes.division_code.startsWith(province),
    );
    const all = mixes(targets, registrations, randomBytes(3).toString('hex'));
    const mix = all[options.mix as MixName];
    if (!mix) throw new Error(`no mix "${options.mix}"; mixes: ${Object.keys(all).join(', ')}`);
    const run = (seconds: number, requests: number) =>
      drive({
        url: server.url,
        headers: { authorization: account.authorization },
        connections: options.connections,
        requests,
        durationS: seconds,
        next: mix.requests(),
      });
    await run(5, 1_000); // warm-up: plans, caches, JIT
    // CPU per request is steadier than latency on a shared machine: the work, not the wait.
    const clocks = {
      server: serverCpu(server.pid),
      database: await databases.cpu(),
      client: processCpu(),
    };
    const before = Object.fromEntries(Object.entries(clocks).map(([k, c]) => [k, c?.() ?? 0]));
    const r = await run(options.seconds, 1_000_000);
    console.log(
      `${mix.name} @${options.connections}: ${r.responses} responses, p50 ${r.p50Ms.toFixed(1)} p95 ${r.p95Ms.toFixed(1)} p99 ${r.p99Ms.toFixed(1)} ms, ${r.requestsPerS.toFixed(0)} req/s, errors ${r.errors}, non-2xx ${r.non2xx}`,
    );
    const used = (k: keyof typeof clocks) => (clocks[k]?.() ?? 0) - (before[k] ?? 0);
    // databases.cpu() counts this process as well: the database's share is the difference.
    const perRequest = (ms: number) => `${((1000 * ms) / r.responses).toFixed(0)} µs`;
    console.log(
      `CPU per request: server ${perRequest(used('server'))}, PostgreSQL ${perRequest(used('database') - used('client'))}, client ${perRequest(used('client'))}`,
    );
  } finally {
    await server.stop();
    await clone.drop();
  }
  // The main thread's profile (thread 0); tsx's loader thread writes one of its own.
  const file = (await readdir(options.out))
    .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
    .sort()
    .at(-1);
  if (!file) throw new Error(`no .cpuprofile in ${options.out}`);
  const profile = JSON.parse(await readFile(join(options.out, file), 'utf8')) as CpuProfile;
  const total = (profile.endTime - profile.startTime) / 1000;
  const times = selfTimes(profile);
  const idle = times.find((t) => t.name.startsWith('(idle)'))?.ms ?? 0;
  console.log(
    `profile ${join(options.out, file)}: ${total.toFixed(0)} ms in all, ${(total - idle).toFixed(0)} ms busy`,
  );
  for (const { name, ms } of times.slice(0, options.top))
    console.log(
      `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${name}`,
    );
} finally {
  await databases.close();
}
