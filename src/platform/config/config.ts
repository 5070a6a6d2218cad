// Configuration: read from the environment once, validated, every problem reported
// together, then passed in. No other module reads process.env.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, type Problem } from '../errors.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** Interface to listen on. */
  host: string;
  port: number;
  /** Embedded database directory (ignored when databaseUrl is set). */
  dataDir: string;
  /** postgres://… selects server mode. */
  databaseUrl: string | undefined;
  dbPoolMax: number;
  dbPoolIdleS: number;
  logLevel: LogLevel;
  sessionTtlHours: number;
  /** Send the session cookie only over HTTPS (set when served behind TLS). */
  cookieSecure: boolean;
  loginAttemptsPerMinute: number;
  /** Objections one client address may file per hour (PN-01 notice board). */
  objectionsPerHour: number;
  /** Receipt look-ups one client address may make per minute. */
  receiptLookupsPerMinute: number;
  /** Trust X-Forwarded-* from a reverse proxy (for client IPs in rate limits and logs). */
  trustProxy: boolean;
  /** Tianditu key for online basemaps; absent means the offline style. */
  tiandituKey: string | undefined;
  /** The built web application (index.html and assets) served at `/`. */
  webDir: string;
  uploadMaxBytes: number;
  /** Daily evaluation time ('HH:MM', Asia/Shanghai), or null when it is off. */
  evaluationTime: string | null;
  /** How vector tiles are encoded: by PostGIS where it can, or always in Node. */
  tilesEncoder: 'auto' | 'node' | 'postgis';
  /** Memory for vector tiles kept until the register changes, in bytes (0: no cache). */
  tileCacheBytes: number;
}

interface Setting {
  env: string;
  description: string;
  default?: string;
  parse(raw: string): unknown;
  key: keyof Config;
}

const integer = (min: number, max: number) => (raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`must be a whole number from ${min} to ${max}`);
  }
  return n;
};

const boolean = (raw: string) => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error('must be true or false');
};

const text = (raw: string) => raw;

const logLevels: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Every setting Reclaim reads, with its default. docs/operations.md lists the same. */
export const settings: readonly Setting[] = [
  {
    env: 'RECLAIM_HOST',
    key: 'host',
    default: '127.0.0.1',
    parse: text,
    description: 'interface to listen on (0.0.0.0 for all)',
  },
  {
    env: 'RECLAIM_PORT',
    key: 'port',
    default: '3000',
    parse: integer(0, 65535),
    description: 'HTTP port (0 picks a free port)',
  },
  {
    env: 'RECLAIM_DATA_DIR',
    key: 'dataDir',
    default: './data',
    parse: (raw) => resolve(raw),
    description: 'embedded database directory',
  },
  {
    env: 'DATABASE_URL',
    key: 'databaseUrl',
    parse: (raw) => {
      if (!/^postgres(ql)?:\/\//.test(raw)) {
        throw new Error('must start with postgres:// or postgresql://');
      }
      return raw;
    },
    description: 'PostgreSQL + PostGIS server; when set, the embedded database is not used',
  },
  {
    env: 'RECLAIM_DB_POOL_MAX',
    key: 'dbPoolMax',
    default: '10',
    parse: integer(1, 200),
    description: 'server-mode connection pool size',
  },
  {
    env: 'RECLAIM_DB_POOL_IDLE_S',
    key: 'dbPoolIdleS',
    default: '300',
    parse: integer(0, 86_400),
    description:
      'seconds an idle server-mode connection is kept (0: until Reclaim stops); a new one loads PostGIS and PROJ again',
  },
  {
    env: 'RECLAIM_LOG_LEVEL',
    key: 'logLevel',
    default: 'info',
    parse: (raw) => {
      if (!logLevels.includes(raw as LogLevel)) {
        throw new Error(`must be one of ${logLevels.join(', ')}`);
      }
      return raw;
    },
    description: 'log level',
  },
  {
    env: 'RECLAIM_SESSION_TTL_HOURS',
    key: 'sessionTtlHours',
    default: '12',
    parse: integer(1, 24 * 30),
    description: 'how long a login lasts',
  },
  {
    env: 'RECLAIM_COOKIE_SECURE',
    key: 'cookieSecure',
    default: 'false',
    parse: boolean,
    description: 'mark the session cookie Secure (HTTPS only)',
  },
  {
    env: 'RECLAIM_LOGIN_ATTEMPTS_PER_MINUTE',
    key: 'loginAttemptsPerMinute',
    default: '10',
    parse: integer(1, 1000),
    description: 'login attempts allowed per client address per minute',
  },
  {
    env: 'RECLAIM_OBJECTIONS_PER_HOUR',
    key: 'objectionsPerHour',
    default: '10',
    parse: integer(1, 10000),
    description: 'objections on notices one client address may file per hour',
  },
  {
    env: 'RECLAIM_RECEIPT_CHECKS_PER_MINUTE',
    key: 'receiptLookupsPerMinute',
    default: '20',
    parse: integer(1, 10000),
    description: 'objection receipt look-ups one client address may make per minute',
  },
  {
    env: 'RECLAIM_TRUST_PROXY',
    key: 'trustProxy',
    default: 'false',
    parse: boolean,
    description: 'trust X-Forwarded-For from a reverse proxy',
  },
  {
    env: 'RECLAIM_TIANDITU_TK',
    key: 'tiandituKey',
    parse: text,
    description: 'Tianditu key for online basemaps (offline style when unset)',
  },
  {
    env: 'RECLAIM_WEB_DIR',
    key: 'webDir',
    default: fileURLToPath(new URL('../../../web/dist', import.meta.url)),
    parse: (raw) => resolve(raw),
    description: 'the built web application served at / (npm run build:web writes web/dist)',
  },
  {
    env: 'RECLAIM_UPLOAD_MAX_MB',
    key: 'uploadMaxBytes',
    default: '50',
    parse: (raw) => integer(1, 2048)(raw) * 1024 * 1024,
    description: 'largest accepted upload, in MiB',
  },
  {
    env: 'RECLAIM_EVALUATION_TIME',
    key: 'evaluationTime',
    default: '02:00',
    parse: (raw) => {
      if (raw.toLowerCase() === 'off') return null;
      const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw);
      if (!m) throw new Error('must be HH:MM (Asia/Shanghai) or off');
      return raw;
    },
    description: 'time of the daily evaluation of rules and anomalies (Asia/Shanghai), or off',
  },
  {
    env: 'RECLAIM_TILES_ENCODER',
    key: 'tilesEncoder',
    default: 'auto',
    parse: (raw) => {
      if (!['auto', 'node', 'postgis'].includes(raw))
        throw new Error('must be auto, node or postgis');
      return raw;
    },
    description:
      'vector tiles: auto (ST_AsMVT where PostGIS has protobuf, else Node), node (always Node), postgis (require ST_AsMVT)',
  },
  {
    env: 'RECLAIM_TILE_CACHE_MB',
    key: 'tileCacheBytes',
    default: '64',
    parse: (raw) => integer(0, 4096)(raw) * 1024 * 1024,
    description:
      'memory for vector tiles kept until the register changes, in MiB (0: compute every tile)',
  },
];

/** Reads the configuration; throws one error listing every bad setting. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const setting of settings) {
    const raw = env[setting.env];
    const given = raw !== undefined && raw !== '';
    const source = given ? raw : setting.default;
    if (source === undefined) {
      values[setting.key] = undefined;
      continue;
    }
    try {
      values[setting.key] = setting.parse(source);
    } catch (error) {
      const why = (error as Error).message;
      problems.push({
        code: 'CONFIG_INVALID',
        messageZh: `配置项 ${setting.env}=${JSON.stringify(source)} 无效：${why}`,
        messageEn: `setting ${setting.env}=${JSON.stringify(source)} is invalid: ${why}`,
        location: { field: setting.env },
      });
    }
  }
  const [first, ...rest] = problems;
  if (first) throw AppError.many('invalid', first, rest);
  return Object.freeze(values) as unknown as Config;
}

/** Settings with secrets masked, for the start-up log. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    databaseUrl: config.databaseUrl ? config.databaseUrl.replace(/:[^:@/]*@/, ':***@') : undefined,
    tiandituKey: config.tiandituKey ? '***' : undefined,
  };
}
