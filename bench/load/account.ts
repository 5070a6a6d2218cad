// The load test's caller: a generated province administrator, created as the system, who logs
// in over HTTP and makes an API token, as a machine client would. Requests then carry
// `Authorization: Bearer rk_…`, so every one of them resolves the token and runs in the
// province's scope under row-level security.
import { randomBytes } from 'node:crypto';
import { systemActor } from '../../src/identity/domain/actor.ts';
import type { UserService } from '../../src/identity/users.service.ts';

export interface LoadAccount {
  username: string;
  /** `Authorization` header value. */
  authorization: string;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response;
}

/** Creates the account for `provinceCode` (two digits) and returns its token's header. */
export async function createLoadAccount(
  users: Pick<UserService, 'create'>,
  baseUrl: string,
  provinceCode: string,
): Promise<LoadAccount> {
  const username = `load-${provinceCode}-${randomBytes(3).toString('hex')}`;
  const password = `Load-${randomBytes(12).toString('base64url')}`;
  await users.create(
    systemActor('bench-load'),
    {
      username,
      displayName: `负载测试 ${provinceCode}`,
      role: 'province',
      divisionCode: `${provinceCode}0000`,
      isAdmin: true,
      password,
    },
    'load test account (bench/load)',
  );
  const login = await postJson(`${baseUrl}/api/auth/login`, { username, password });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('reclaim_session='));
  if (!cookie) throw new Error('login set no session cookie');
  const created = await postJson(
    `${baseUrl}/api/tokens`,
    { name: 'load test', expiresInDays: 1 },
    { cookie },
  );
  const { token } = (await created.json()) as { token: string };
  return { username, authorization: `Bearer ${token}` };
}
