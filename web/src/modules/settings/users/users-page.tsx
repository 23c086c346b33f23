import { useMemo, useState } from 'react';
import { Alert, Button, Card, Dropdown, Empty, Flex, Input, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { MoreOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../ui/use-debounced';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { when } from '../shared/format';
import { SettingsHeader } from '../shared/settings-header';
import { useAllUsers, useDepartmentList, useRoles, type AdminUser } from '../shared/settings-api';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormDrawer } from './user-form-drawer';
import { useUserPages, type UserFilter } from './users-api';

function StatusTags({ u }: { u: AdminUser }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {u.status === 'active' ? <Tag color="success">{t('settings.common.active')}</Tag> : <Tag>{t('settings.common.inactive')}</Tag>}
      {u.isAdmin && <Tag color="blue">{t('settings.users.admin')}</Tag>}
      {u.mfaEnabled && <Tag color="purple">{t('settings.users.mfa')}</Tag>}
      {u.lockedUntil && new Date(u.lockedUntil) > new Date() && <Tag color="error">{t('settings.users.locked')}</Tag>}
    </Space>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<UserFilter['status']>('');
  const q = useDebounced(search, 300);
  const pages = useUserPages({ q, status });
  const departments = useDepartmentList();
  const roles = useRoles();
  const everyone = useAllUsers();
  const [editing, setEditing] = useState<AdminUser | null | undefined>(undefined);
  const [resetting, setResetting] = useState<AdminUser | null>(null);

  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.data) ?? [], [pages.data]);
  const deptName = (id: string | null) => departments.data?.find((d) => d.id === id)?.name ?? '—';
  const userName = (id: string | null) => everyone.data?.find((u) => u.id === id)?.name ?? '—';
  const roleNames = (ids: string[]) => ids.map((id) => roles.data?.find((r) => r.id === id)?.name).filter(Boolean) as string[];
  const filtering = !!q.trim() || !!status;

  const actions = (u: AdminUser) => (
    <Dropdown trigger={['click']} menu={{ items: [
      { key: 'edit', label: t('common.edit'), onClick: () => setEditing(u) },
      { key: 'password', label: t('settings.users.resetAction'), onClick: () => setResetting(u) },
    ] }}>
      <Button type="text" size="small" icon={<MoreOutlined />} aria-label={`${t('settings.common.actions')} ${u.name}`} />
    </Dropdown>
  );

  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={filtering ? t('settings.users.noMatch') : t('settings.users.empty')}>
      {!filtering && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('settings.users.new')}</Button>}
    </Empty>
  );

  return (
    <>
      <SettingsHeader title={t('settings.nav.users')} subtitle={t('settings.users.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>{t('settings.users.new')}</Button>} />
      <Card styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input allowClear prefix={<SearchOutlined />} placeholder={t('settings.users.searchPlaceholder')} value={search}
            onChange={(e) => setSearch(e.target.value)} style={{ maxWidth: isMobile ? undefined : 320, flex: isMobile ? '1 1 100%' : undefined }}
            aria-label={t('settings.common.search')} />
          <Segmented value={status} onChange={(v) => setStatus(v as UserFilter['status'])} options={[
            { value: '', label: t('settings.common.all') },
            { value: 'active', label: t('settings.common.active') },
            { value: 'inactive', label: t('settings.common.inactive') },
          ]} />
        </Flex>
        {pages.isError && <Alert type="error" showIcon title={t('settings.common.loadFailed')} style={{ marginBottom: 12 }}
          action={<Button size="small" onClick={() => void pages.refetch()}>{t('common.retry')}</Button>} />}
        {isMobile ? (
          pages.isPending ? <Skeleton active /> : rows.length === 0 ? empty : (
            <Flex vertical gap={8}>
              {rows.map((u) => (
                <Card key={u.id} size="small" onClick={() => setEditing(u)} style={{ cursor: 'pointer' }}>
                  <Flex justify="space-between" gap={8}>
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong>{u.name}</Typography.Text>
                      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>{u.email}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{deptName(u.departmentId)}</Typography.Text>
                    </div>
                    <StatusTags u={u} />
                  </Flex>
                </Card>
              ))}
            </Flex>
          )
        ) : (
          <Table<AdminUser> rowKey="id" dataSource={rows} loading={pages.isPending} pagination={false} size="middle"
            locale={{ emptyText: pages.isPending ? <Skeleton active /> : empty }}
            onRow={(u) => ({ onDoubleClick: () => setEditing(u) })}
            columns={[
              { key: 'name', title: t('settings.users.name'), render: (_, u) => (
                <div style={{ minWidth: 0 }}>
                  <Typography.Link onClick={() => setEditing(u)}>{u.name}</Typography.Link>
                  <Typography.Text type="secondary" ellipsis={{ tooltip: u.email }} style={{ display: 'block', fontSize: 12, maxWidth: 220 }}>{u.email}</Typography.Text>
                </div>
              ) },
              { key: 'department', title: t('settings.users.department'), render: (_, u) => (
                <div>
                  <Typography.Text>{deptName(u.departmentId)}</Typography.Text>
                  {u.managerId && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {t('settings.users.managerShort', { name: userName(u.managerId) })}
                    </Typography.Text>
                  )}
                </div>
              ) },
              { key: 'roles', title: t('settings.users.roles'), render: (_, u) => (
                <Space size={4} wrap>{roleNames(u.roleIds).map((n) => <Tag key={n} style={{ marginInlineEnd: 0 }}>{n}</Tag>)}</Space>
              ) },
              { key: 'status', title: t('settings.common.status'), render: (_, u) => <StatusTags u={u} /> },
              { key: 'lastLogin', title: t('settings.users.lastLogin'), onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
                render: (_, u) => when(u.lastLoginAt, t('settings.common.never')) },
              { key: 'actions', title: '', align: 'right', onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (_, u) => actions(u) },
            ]} />
        )}
        {pages.hasNextPage && (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Button loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>{t('settings.common.loadMore')}</Button>
          </Flex>
        )}
      </Card>
      {editing !== undefined && (
        <UserFormDrawer user={editing} onClose={() => setEditing(undefined)}
          onResetPassword={(u) => { setEditing(undefined); setResetting(u); }} />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}
