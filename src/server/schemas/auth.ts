import { z } from 'zod';
import { User } from './users.js';

export const LoginBody = z.strictObject({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const LoginResponse = z.object({ user: User, mustChangePassword: z.boolean(), sessionToken: z.string() });

export const AuthMethods = z.object({
  password: z.object({ enabled: z.boolean() }),
  /** Password sign-in is off for everyone else, but the site admin and site managers may use it. */
  adminLogin: z.boolean(),
  oidc: z.object({ enabled: z.boolean(), buttonLabel: z.string(), problem: z.string().nullable() }),
});
