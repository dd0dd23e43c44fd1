// One fetch wrapper: JSON in and out, the session cookie, and every failure
// turned into an ApiError carrying the server's {code, message, validations}.
export interface FieldProblem {
  field: string;
  detail: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly validations: FieldProblem[] = [],
  ) {
    super(message);
  }

  /** The server's detail for one form field, if it named that field. */
  fieldError(field: string): string | undefined {
    return this.validations.find((v) => v.field === field)?.detail;
  }
}

type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();

/** Lets the app react to a lost session or a pending password change wherever it happens. */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Roster cannot be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: a proxy's error page, say
  }
  if (!response.ok) {
    const shaped = data as { code?: string; message?: string; validations?: FieldProblem[] } | null;
    const error = new ApiError(
      response.status,
      shaped?.code ?? 'HTTP_ERROR',
      shaped?.message ?? `The server answered ${response.status} ${response.statusText}.`,
      shaped?.validations ?? [],
    );
    for (const listener of listeners) listener(error);
    throw error;
  }
  return data as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
