import { useState } from 'react';
import { App, Badge, Button, Empty, Flex, List, Popover, Skeleton, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { formatRelative } from '../records/fields/format';
import {
  badgeText, markAllRead, markRead, notificationLink, refreshNotifications, useNotifications, useUnreadCount, type AppNotification,
} from './notifications-api';

function NotificationPanel({ onOpen }: { onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const list = useNotifications(true);
  const unread = useUnreadCount();
  const items = list.data?.pages.flatMap((p) => p.data) ?? [];

  const open = async (n: AppNotification) => {
    onOpen();
    const to = notificationLink(n);
    if (to) navigate(to);
    if (!n.readAt) {
      try { await markRead(n.id); } catch { /* the badge catches up on the next poll */ }
      void refreshNotifications(qc);
    }
  };
  const readAll = async () => {
    try {
      await markAllRead();
      void refreshNotifications(qc);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Flex vertical style={{ width: 'min(360px, calc(100vw - 32px))' }}>
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px', borderBottom: '1px solid #eef1f6' }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" icon={<CheckOutlined />} disabled={!unread.data} onClick={() => void readAll()}>
          {t('notifications.readAll')}
        </Button>
      </Flex>
      {list.isPending ? <Skeleton active paragraph={{ rows: 3 }} style={{ padding: 8 }} /> : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} style={{ margin: '20px 0' }} />
      ) : (
        <List size="small" dataSource={items} style={{ maxHeight: 420, overflowY: 'auto' }} renderItem={(n) => (
          <List.Item onClick={() => void open(n)} style={{ cursor: 'pointer', paddingInline: 8, background: n.readAt ? undefined : '#f5f8ff' }}
            aria-label={n.title}>
            <Flex gap={8} align="flex-start" style={{ width: '100%', minWidth: 0 }}>
              <Badge status={n.readAt ? 'default' : 'processing'} style={{ marginTop: 4 }} />
              <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.body}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>{formatRelative(n.createdAt, i18n.language)}</Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        )} />
      )}
      {list.hasNextPage && (
        <Button type="link" size="small" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('notifications.more')}</Button>
      )}
    </Flex>
  );
}

/** The header's bell: how many reminders are unread, and the latest of them one click away. */
export function NotificationBell({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  const label = count ? t('notifications.unread', { count }) : t('notifications.title');
  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} destroyOnHidden arrow={false}
      content={<NotificationPanel onOpen={() => setOpen(false)} />}>
      <Button type="text" aria-label={label} style={{ width: compact ? 44 : 40, height: compact ? 44 : 40 }}
        icon={<Badge count={count > 99 ? badgeText(count) : count} size="small" offset={[2, -2]}><BellOutlined style={{ fontSize: 18 }} /></Badge>} />
    </Popover>
  );
}
