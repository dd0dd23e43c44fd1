import { z } from 'zod';

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  validations: z.array(z.object({ field: z.string(), detail: z.string() })).optional(),
});

export const NoContent = z.null().describe('No content');

/** /healthz and /readyz. */
export const Status = z.object({ status: z.string() });

/** `{user}` in a path: an id, a username or `me`. */
export const UserRefParams = z.strictObject({ user: z.string().min(1).max(64) });

export const Email = z.email().max(254);
export const Limit = z.coerce.number().int().min(1).max(100);
export const Cursor = z.string().min(1).max(1024);
export const IsoTime = z.iso.datetime({ offset: true });

/** For actions that take no input: nothing, or an empty JSON object. */
export const EmptyBody = z.strictObject({}).nullish();
