import { ApiError, errorMessage } from '../api/client';

/** Places a failed password change's problems beside the fields they concern. */
export function passwordErrors(error: unknown): { currentPassword?: string; newPassword?: string; form?: string } {
  if (!error) return {};
  if (error instanceof ApiError) {
    const currentPassword = error.fieldError('currentPassword');
    const newPassword = error.fieldError('newPassword');
    if (currentPassword || newPassword) return { currentPassword, newPassword };
  }
  return { form: errorMessage(error) };
}
