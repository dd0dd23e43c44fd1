// The CLI's HTTP client: Node's fetch with the bearer token, error bodies
// turned into ApiError (exit 1, or 3 for a 401), and anything that keeps the
// request from reaching the server turned into exit 4.
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { resolveCredentials, type Credentials } from './config-store.js';
import { ApiError, CliError, exitCodes, type FieldProblem } from './errors.js';

export type Query = Record<string, string | number | undefined>;

const userAgent = 'roster-cli';

/** A path whose interpolated parts (ids, names, `me`) are percent-encoded: apiPath`/api/v1/users/${ref}`. */
export function apiPath(parts: TemplateStringsArray, ...values: (string | number)[]): string {
  return parts.reduce((path, part, i) => path + part + (i < values.length ? encodeURIComponent(String(values[i])) : ''), '');
}

function describeNetworkError(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause;
  if (cause?.code === 'ECONNREFUSED') return 'nothing listens there (connection refused)';
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN') return 'the host name does not resolve';
  return cause?.message ?? err.message ?? String(error);
}

export function unreachable(base: string, error: unknown): CliError {
  return new CliError(`Cannot reach the Roster server at ${base}: ${describeNetworkError(error)}.`, exitCodes.unreachable);
}

async function errorFrom(response: Response, base: string): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; validations?: unknown };
    if (typeof body.message === 'string') {
      const validations = Array.isArray(body.validations) ? (body.validations as FieldProblem[]) : [];
      return new ApiError(response.status, typeof body.code === 'string' ? body.code : `HTTP_${response.status}`, body.message, validations);
    }
  } catch { /* not an API error body: a proxy's page, or not Roster at all */ }
  return new ApiError(response.status, `HTTP_${response.status}`, `The server at ${base} answered ${response.status} ${response.statusText} without a Roster error; is this the Roster server's URL?`);
}

export class RosterApi {
  readonly base: string;

  constructor(private readonly credentials: Credentials, private readonly timeoutMs = 30_000) {
    this.base = credentials.url;
  }

  private url(path: string, query: Query = {}): URL {
    // Relative to the base, so a server published under a path prefix keeps it.
    const url = new URL(path.replace(/^\//, ''), this.base.endsWith('/') ? this.base : `${this.base}/`);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  /** Sends a request and returns the response once its headers are in; `signal` ends it early. */
  private async send(method: string, path: string, options: { query?: Query; body?: unknown }, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.credentials.token}`, 'user-agent': userAgent };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.url(path, options.query), {
        method, headers, signal, body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      throw this.failed(error, signal);
    }
    if (!response.ok) throw await errorFrom(response, this.base);
    return response;
  }

  private failed(error: unknown, signal: AbortSignal): CliError {
    if (signal.aborted) return new CliError(`The Roster server at ${this.base} did not answer within ${this.timeoutMs / 1000} s.`, exitCodes.unreachable);
    return unreachable(this.base, error);
  }

  private async json<T>(method: string, path: string, options: { query?: Query; body?: unknown }): Promise<T> {
    // The whole exchange, body included, must finish in time.
    const signal = AbortSignal.timeout(this.timeoutMs);
    const response = await this.send(method, path, options, signal);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.failed(error, signal);
    }
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(`The server at ${this.base} answered with something other than JSON; is this the Roster server's URL?`, exitCodes.refused);
    }
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.json<T>('GET', path, { query });
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.json<T>('POST', path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('PATCH', path, { body });
  }

  async delete(path: string): Promise<void> {
    await this.json<void>('DELETE', path, {});
  }

  /** The response body as a Node stream, read as it arrives (never buffered whole); only the wait for its headers is timed. */
  async download(path: string, query?: Query): Promise<Readable> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.send('GET', path, { query }, controller.signal);
      if (!response.body) return Readable.from([]);
      return Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Every page when `all`, else the first; `more` says whether pages were left unread. */
export async function collectPages<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>, all: boolean): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.nextCursor) return { items, more: false };
    if (!all) return { items, more: true };
    cursor = page.nextCursor;
  }
}

/** A client for the server `roster login` stored, or the one ROSTER_URL and ROSTER_TOKEN name. */
export function connect(env: Record<string, string | undefined> = process.env): RosterApi {
  return new RosterApi(resolveCredentials(env));
}
