// The benchmarks' caller: a generated province administrator, created as the system, who logs
// in over HTTP. The load test makes an API token with the session, as a machine client would:
// requests then carry `Authorization: Bearer rk_…`, so every one of them resolves the token and
// runs in the province's scope under row-level security. The map benchmark gives the session
// cookie to the browser.
import { randomBytes } from 'node:crypto';
import { systemActor } from '../../src/identity/domain/actor.ts';
import type { UserService } from '../../src/identity/users.service.ts';

export interface Credentials {
  username: string;
  password: string;
}

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

/** The province (two digits) with the most of the generated parcels' division codes. */
export function busiestProvince(divisionCodes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const code of divisionCodes)
    counts.set(code.slice(0, 2), (counts.get(code.slice(0, 2)) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!top) throw new Error('no division code to pick a province from');
  return top[0];
}

/** Creates an administrator of `provinceCode` (two digits), named for the benchmark `purpose`. */
export async function createProvinceAdmin(
  users: Pick<UserService, 'create'>,
  provinceCode: string,
  purpose: string,
): Promise<Credentials> {
  const username = `${purpose}-${provinceCode}-${randomBytes(3).toString('hex')}`;
  const password = `Bench-${randomBytes(12).toString('base64url')}`;
  await users.create(
    systemActor(`bench-${purpose}`),
    {
      username,
      displayName: `基准测试 ${purpose} ${provinceCode}`,
      role: 'province',
      divisionCode: `${provinceCode}0000`,
      isAdmin: true,
      password,
    },
    `benchmark account (bench/${purpose})`,
  );
  return { username, password };
}

/** Logs in over HTTP; returns the session cookie's value. */
export async function logIn(baseUrl: string, credentials: Credentials): Promise<string> {
  const login = await postJson(`${baseUrl}/api/auth/login`, credentials);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('reclaim_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return cookie.slice('reclaim_session='.length);
}

/** Creates the load test's account for `provinceCode` (two digits) and returns its token's header. */
export async function createLoadAccount(
  users: Pick<UserService, 'create'>,
  baseUrl: string,
  provinceCode: string,
): Promise<LoadAccount> {
  const credentials = await createProvinceAdmin(users, provinceCode, 'load');
  const session = await logIn(baseUrl, credentials);
  const created = await postJson(
    `${baseUrl}/api/tokens`,
    { name: 'load test', expiresInDays: 1 },
    { cookie: `reclaim_session=${session}` },
  );
  const { token } = (await created.json()) as { token: string };
  return { username: credentials.username, authorization: `Bearer ${token}` };
}
