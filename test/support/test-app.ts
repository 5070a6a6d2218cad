// An app on a test database, driven through Fastify's inject (no open port), with helpers
// to create accounts and log in as them.
import type { LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/identity/domain/actor.ts';
import type { AccountRole } from '../../src/identity/domain/roles.ts';
import type { User } from '../../src/identity/users.store.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { buildApp } from '../../src/server/app.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import type { App } from '../../src/server/types.ts';

export const testPassword = 'Test-password-2026';

export interface TestApp {
  app: App;
  services: Services;
  /** Creates an account directly (as the system). */
  addUser(
    username: string,
    role: AccountRole,
    divisionCode: string,
    isAdmin?: boolean,
  ): Promise<User>;
  /** Logs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** Creates each account ([username, role, division]) and logs it in: username → Cookie value. */
  addAndLogIn(
    accounts: readonly (readonly [string, AccountRole, string])[],
  ): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function createTestApp(db: Db, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ RECLAIM_LOG_LEVEL: 'silent', ...env });
  const services = createServices(db, config);
  const app = await buildApp(services, { logger: false });
  let loginCount = 0;
  const testApp: TestApp = {
    app,
    services,
    addUser: (username, role, divisionCode, isAdmin = false) =>
      services.users.create(
        systemActor('test'),
        { username, displayName: username, role, divisionCode, isAdmin, password: testPassword },
        'test fixture',
      ),
    async login(username, password = testPassword) {
      // A fresh loopback address per login keeps helper logins clear of the login rate limit.
      loginCount += 1;
      const remoteAddress = `127.1.${Math.floor(loginCount / 250)}.${(loginCount % 250) + 1}`;
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
        remoteAddress,
      });
      if (response.statusCode !== 200) {
        throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
      }
      const cookie = response.cookies.find((c) => c.name === 'reclaim_session');
      if (!cookie) throw new Error('no session cookie');
      return `reclaim_session=${cookie.value}`;
    },
    async addAndLogIn(accounts) {
      const cookies: Record<string, string> = {};
      for (const [username, role, divisionCode] of accounts) {
        await testApp.addUser(username, role, divisionCode);
        cookies[username] = await testApp.login(username);
      }
      return cookies;
    },
    close: () => app.close(),
  };
  return testApp;
}

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}
