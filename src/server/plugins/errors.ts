// One error shape for every failure (SPEC §6.2): {code, message, validations?}.
// 5xx bodies say nothing internal; the details go to the log.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorStatus, type ErrorCode, type FieldProblem } from '../../domain/errors.js';

function body(code: ErrorCode, message: string, validations?: FieldProblem[]) {
  return validations?.length ? { code, message, validations } : { code, message };
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_RATE_LIMIT: 'TOO_MANY_REQUESTS',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      return reply.code(error.status).send(body(error.code, error.message, error.validations));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext ?? 'body';
      const validations = error.validation.map((v) => {
        const keys = (v.params as { keys?: string[] } | undefined)?.keys;
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const field = keys?.length ? keys.map((k) => (path ? `${path}.${k}` : k)).join(', ') : path || where;
        return { field, detail: keys?.length ? 'Unknown field.' : (v.message ?? 'Invalid value.') };
      });
      const first = validations[0]!;
      return reply.code(400).send(body('VALIDATION_FAILED', `Invalid ${where}: ${first.field}: ${first.detail}`, validations));
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = fastifyCodes[fastifyError.code] ?? (status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : 'VALIDATION_FAILED');
      const message = code === 'INVALID_JSON' ? 'The request body is not valid JSON.' : error.message;
      return reply.code(errorStatus[code] === status ? status : errorStatus[code]).send(body(code, message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(body('INTERNAL', 'Something went wrong on our side. The error has been logged.'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(body('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}

/** Errors the router raises before any route runs (a bad URL, an over-long path segment). */
export function renderFrameworkError(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.code(414).send(body('URI_TOO_LONG', 'A part of the path is too long.'));
  } else {
    reply.code(400).send(body('VALIDATION_FAILED', 'The URL is malformed.'));
  }
}
