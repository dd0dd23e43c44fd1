// Dormancy settings (SPEC §1.6): the threshold, and the optional deletion after it.
import { api } from './client';

export interface DormancySettings {
  thresholdDays: number;
  /** Null: dormant users are never deleted automatically. */
  deleteAfterDays: number | null;
}

export const dormancyKey = ['settings', 'dormancy'] as const;
export const fetchDormancy = () => api<DormancySettings>('GET', '/api/v1/settings/dormancy');
export const saveDormancy = (settings: Partial<DormancySettings>) => api<DormancySettings>('PUT', '/api/v1/settings/dormancy', settings);
