import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';

/** A short confirmation that closes by itself; its close button is labelled like every other one. */
export function notifySuccess(t: TFunction, message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': t('common.close') } });
}
