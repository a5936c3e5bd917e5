import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';

/** A short confirmation that closes by itself; its close button is labelled like every other one. */
export function notifySuccess(t: TFunction, message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': t('common.close') } });
}

/**
 * A failure with no form to be shown next to (a header button): it stays until closed, at the bottom, where
 * it hides none of the header's controls.
 */
export function notifyError(t: TFunction, message: string): void {
  notifications.show({
    position: 'bottom-right',
    color: 'red',
    message,
    autoClose: false,
    closeButtonProps: { 'aria-label': t('common.close') },
  });
}
