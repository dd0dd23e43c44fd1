import { ApiError, errorMessage } from '../api/client';

/**
 * Places a refused request's problems beside the named fields; anything the
 * server did not tie to one of them goes in `form`, so it is never lost.
 */
export function fieldErrors<F extends string>(error: unknown, fields: readonly F[]): Partial<Record<F | 'form', string>> {
  if (!error) return {};
  const result: Partial<Record<F | 'form', string>> = {};
  if (error instanceof ApiError) {
    for (const v of error.validations) {
      // Array fields come back as `organizations.0`.
      const field = fields.find((f) => v.field === f || v.field.startsWith(`${f}.`));
      if (field && !result[field]) result[field] = v.detail;
    }
  }
  if (Object.keys(result).length === 0) result.form = errorMessage(error);
  return result;
}
