// What a page tells the user after a request, in one voice.
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/client';

/** Good news is polite (role="status"); only failures interrupt as alerts. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, role: 'status' });
}

export function notifyFailure(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error) });
}
