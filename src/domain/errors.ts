// The small union of error codes the API can answer with, each with its
// default HTTP status. Raise them with `fail`; one handler renders them.
export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  BAD_FILTER: 400,
  INVALID_CURSOR: 400,
  WEAK_PASSWORD: 400,
  WRONG_CURRENT_PASSWORD: 400,
  NOT_BUILT_IN: 400,
  OIDC_DISCOVERY_FAILED: 400,
  BUILTIN_SIGN_IN_DISABLED: 403,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TEMPORARY_PASSWORD_EXPIRED: 401,
  ACCOUNT_SUSPENDED: 403,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  CROSS_ORIGIN_REQUEST: 403,
  USER_NOT_FOUND: 404,
  ORG_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  USERNAME_TAKEN: 409,
  EMAIL_TAKEN: 409,
  ORG_NAME_TAKEN: 409,
  TOKEN_NAME_TAKEN: 409,
  IMAGE_NAME_TAKEN: 409,
  ALREADY_MEMBER: 409,
  LAST_DEFAULT_ORG: 409,
  LAST_MEMBERSHIP: 409,
  IMAGE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldProblem {
  field: string;
  detail: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly validations?: FieldProblem[],
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export function fail(code: ErrorCode, message: string, validations?: FieldProblem[]): never {
  throw new AppError(code, message, validations);
}
