import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { settingsKeys, type AdminUser, type Department } from '../shared/settings-api';

/** Who is in the selected department, so moving or deleting it is an informed decision. */
export function DepartmentMembers({ department }: { department: Department }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const members = useQuery({
    queryKey: [...settingsKeys.users, 'department', department.id],
    queryFn: ({ signal }) => apiFetch<{ data: AdminUser[] }>('/users', { query: { departmentId: department.id, limit: 200 }, signal })
      .then((r) => r.data),
  });
  return (
    <Card title={department.name} style={{ width: isMobile ? '100%' : 320, flex: 'none' }}
      extra={<Typography.Text type="secondary">{t('settings.departments.members', { count: department.userCount })}</Typography.Text>}>
      {members.isPending ? <Skeleton active paragraph={{ rows: 3 }} /> : (members.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.departments.noMembers')} />
      ) : (
        <Flex vertical gap={8}>
          {(members.data ?? []).map((u) => (
            <Flex key={u.id} justify="space-between" align="center" gap={8}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text>{u.name}</Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>{u.email}</Typography.Text>
              </div>
              {department.headId === u.id && <Tag color="blue">{t('settings.departments.headTag')}</Tag>}
              {u.status === 'inactive' && <Tag>{t('settings.common.inactive')}</Tag>}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
