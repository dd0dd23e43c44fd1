import { z } from 'zod';

export const TokenParams = z.strictObject({ user: z.string().min(1).max(64), id: z.string().min(1).max(64) });
export const TokenInfo = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), expiresAt: z.string().nullable() });
export const TokenList = z.object({ tokens: z.array(TokenInfo) });
export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(64),
  lifetimeSeconds: z.number().int().min(60).optional(),
});
export const CreatedToken = z.object({ token: z.string(), id: z.string(), name: z.string(), expiresAt: z.string() });
