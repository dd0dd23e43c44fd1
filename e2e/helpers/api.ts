// Setting the scene through the real REST API (as a signed-in admin with a
// bearer session token), so a spec spends its browser time on the flow it is about.
import { strongPassword } from './server.js';

const requestTimeoutMs = 10_000;

export type SiteRole = 'member' | 'auditor' | 'site-manager' | 'site-admin';

export interface ApiUser {
  id: string;
  username: string;
  email: string;
  name: string;
  siteRole: SiteRole;
  status: 'active' | 'suspended' | 'dormant';
  mustChangePassword: boolean;
}

export class ApiFailure extends Error {
  constructor(readonly status: number, readonly body: unknown, what: string) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
  }
}

async function call<T>(baseUrl: string, method: string, url: string, token: string | null, payload?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiFailure(response.status, body, `${method} ${url}`);
  return body as T;
}

/** Signs in over the API; the session token then authenticates as a bearer token. */
export async function apiSignIn(baseUrl: string, login: string, password: string): Promise<RosterApi> {
  const body = await call<{ sessionToken: string; user: ApiUser }>(baseUrl, 'POST', '/api/v1/auth/login', null, { login, password });
  return new RosterApi(baseUrl, body.sessionToken, body.user);
}

export interface NewUser {
  email: string;
  name?: string;
  username?: string;
  siteRole?: SiteRole;
  loginType?: 'built-in' | 'oidc';
}

export class RosterApi {
  constructor(readonly baseUrl: string, readonly token: string, readonly me: ApiUser) {}

  request<T>(method: string, url: string, payload?: unknown): Promise<T> {
    return call<T>(this.baseUrl, method, url, this.token, payload);
  }

  /** Creates a user; a built-in one comes back with its temporary password. */
  createUser(input: NewUser): Promise<{ user: ApiUser; temporaryPassword?: string }> {
    return this.request('POST', '/api/v1/users', { loginType: 'built-in', ...input });
  }

  /**
   * Creates a built-in user and does their first sign-in and password change,
   * so the browser can sign in as them straight into the app.
   */
  async createUserWithPassword(input: NewUser): Promise<{ user: ApiUser; password: string }> {
    const { user, temporaryPassword } = await this.createUser({ ...input, loginType: 'built-in' });
    const password = strongPassword(user.username);
    const own = await apiSignIn(this.baseUrl, user.username, temporaryPassword!);
    await own.request('PUT', '/api/v1/users/me/password', { currentPassword: temporaryPassword, newPassword: password });
    return { user, password };
  }

  /** `count` users named `${prefix}-01`…, created a few at a time. */
  async createMany(prefix: string, count: number, extra: (i: number) => Partial<NewUser> = () => ({})): Promise<ApiUser[]> {
    const users: ApiUser[] = [];
    for (let start = 1; start <= count; start += 5) {
      const batch = Array.from({ length: Math.min(5, count - start + 1) }, (_, k) => start + k);
      users.push(...await Promise.all(batch.map(async (i) => {
        const n = String(i).padStart(2, '0');
        const { user } = await this.createUser({ email: `${prefix}-${n}@example.com`, username: `${prefix}-${n}`, name: `${prefix} ${n}`, ...extra(i) });
        return user;
      })));
    }
    return users;
  }

  async user(ref: string): Promise<ApiUser> {
    return (await this.request<{ user: ApiUser }>('GET', `/api/v1/users/${encodeURIComponent(ref)}`)).user;
  }

  suspend(ref: string, reason?: string): Promise<unknown> {
    return this.request('POST', `/api/v1/users/${encodeURIComponent(ref)}/suspend`, reason ? { reason } : {});
  }

  setRole(ref: string, siteRole: SiteRole): Promise<unknown> {
    return this.request('PATCH', `/api/v1/users/${encodeURIComponent(ref)}`, { siteRole });
  }
}
