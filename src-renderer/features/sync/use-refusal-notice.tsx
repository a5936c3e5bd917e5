import { Anchor, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { routeHref } from '../../app/router';

/**
 * A refusal must not go unseen: when the inbox grows, a notice that stays until closed points to it (the
 * navigation badge keeps the count).
 */
export function useRefusalNotice(inbox: number | undefined): void {
  const { t } = useTranslation();
  const previous = useRef(inbox);
  useEffect(() => {
    const before = previous.current;
    previous.current = inbox;
    if (inbox === undefined || before === undefined || inbox <= before) return;
    notifications.show({
      // It stays until closed: at the bottom, where it hides none of the header's controls.
      position: 'bottom-right',
      color: 'orange',
      autoClose: false,
      message: (
        <Text size="sm">
          {t('sync.refusedNotice', { count: inbox - before })}{' '}
          <Anchor href={routeHref({ name: 'syncInbox' })} size="sm">
            {t('sync.openInbox')}
          </Anchor>
        </Text>
      ),
      closeButtonProps: { 'aria-label': t('common.close') },
    });
  }, [inbox, t]);
}
