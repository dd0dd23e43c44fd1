// A real oidc-provider for the OIDC tests, reached through a small proxy on
// the issuer's port so a test can play a hostile network (tamper with the
// token response) while everything else stays real. Logins are automated:
// the test says which account "types its password" next.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createIdp, type IdpAccount } from '../../dev/idp.js';

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Record<string, IdpAccount>;
  /** The account the next login interaction signs in as. */
  loginAs(account: string): void;
  /** Rewrites token endpoint responses while set (null to stop). */
  tamperTokenResponse(rewrite: ((body: Record<string, unknown>) => Record<string, unknown>) | null): void;
  close(): Promise<void>;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export async function startTestIdp(options: { redirectUri: string; accounts: Record<string, IdpAccount>; conformIdTokenClaims?: boolean; codeTtlSeconds?: number }): Promise<TestIdp> {
  const front = http.createServer();
  const frontPort = await listen(front);
  const issuer = `http://127.0.0.1:${frontPort}`;
  const clientId = 'roster-test';
  const clientSecret = 'roster-test-secret-0123456789';
  const provider = createIdp({
    issuer, clientId, clientSecret, redirectUris: [options.redirectUri], accounts: options.accounts, loginForm: false,
    conformIdTokenClaims: options.conformIdTokenClaims, codeTtlSeconds: options.codeTtlSeconds,
  });
  provider.proxy = false;
  let nextLogin = Object.keys(options.accounts)[0]!;
  let tamper: ((body: Record<string, unknown>) => Record<string, unknown>) | null = null;

  // The "login page": whoever the test named signs in, as if they typed their password.
  provider.use(async (ctx, next) => {
    if (/^\/interaction\/[^/]+$/.test(ctx.path)) {
      ctx.respond = false;
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: nextLogin } }, { mergeWithLastSubmission: false });
      return;
    }
    await next();
  });
  const back = http.createServer(provider.callback());
  const backPort = await listen(back);

  front.on('request', (request, response) => {
    const upstream = http.request({ host: '127.0.0.1', port: backPort, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        const headers = { ...answer.headers };
        if (tamper && request.url?.startsWith('/token') && answer.statusCode === 200) {
          body = Buffer.from(JSON.stringify(tamper(JSON.parse(body.toString('utf8')))));
          headers['content-length'] = String(body.length);
        }
        response.writeHead(answer.statusCode ?? 502, headers);
        response.end(body);
      });
    });
    upstream.on('error', () => { response.writeHead(502); response.end(); });
    request.pipe(upstream);
  });

  return {
    issuer, clientId, clientSecret, accounts: options.accounts,
    loginAs: (account) => { nextLogin = account; },
    tamperTokenResponse: (rewrite) => { tamper = rewrite; },
    close: async () => {
      front.closeAllConnections();
      back.closeAllConnections();
      await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => back.close(r))]);
    },
  };
}

/** Cookies per host and manual redirects: what a browser does between the IdP's pages. */
export async function followAtIdp(url: string, stopAt: string): Promise<string> {
  const jar = new Map<string, string>();
  let current = url;
  for (let hop = 0; hop < 10; hop++) {
    if (current.startsWith(stopAt)) return current;
    const response = await fetch(current, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the IdP stopped at ${current} with ${response.status}: ${(await response.text()).slice(0, 300)}`);
    current = new URL(location, current).href;
  }
  throw new Error('too many redirects at the IdP');
}
