// What can go wrong in a client command, each with the exit code scripts rely on:
// 0 ok, 1 the server refused, 2 usage, 3 not logged in / 401, 4 server unreachable.
export const exitCodes = { ok: 0, refused: 1, usage: 2, unauthenticated: 3, unreachable: 4 } as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export interface FieldProblem {
  field: string;
  detail: string;
}

/** The server answered with an error body `{code, message, validations?}`. */
export class ApiError extends CliError {
  constructor(readonly status: number, readonly code: string, message: string, readonly validations: FieldProblem[] = []) {
    super(message, status === 401 ? exitCodes.unauthenticated : exitCodes.refused);
  }
}

export const usageError = (message: string) => new CliError(message, exitCodes.usage);
