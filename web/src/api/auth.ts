// Sign-in methods and the authentication settings (SPEC §3.3).
import { api } from './client';

export interface AuthMethods {
  password: { enabled: boolean };
  adminLogin: boolean;
  oidc: { enabled: boolean; buttonLabel: string; problem: string | null };
}

export interface AuthSettings {
  issuer: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  scopes: string[];
  emailClaim: string;
  usernameClaim: string;
  nameClaim: string;
  requireEmailVerified: boolean;
  buttonLabel: string;
  autoCreate: boolean;
  disableBuiltin: boolean;
  environmentFields: string[];
}

export type AuthSettingsPatch = Partial<Omit<AuthSettings, 'clientSecretSet' | 'environmentFields'>> & { clientSecret?: string | null };

export const fetchAuthMethods = () => api<AuthMethods>('GET', '/api/v1/auth/methods');
export const fetchAuthSettings = () => api<AuthSettings>('GET', '/api/v1/settings/auth');
export const saveAuthSettings = (patch: AuthSettingsPatch) => api<AuthSettings>('PUT', '/api/v1/settings/auth', patch);
