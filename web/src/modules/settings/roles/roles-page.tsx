import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Form, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { applyFormErrors } from '../shared/form-errors';
import { SettingsHeader } from '../shared/settings-header';
import { useInvalidate, useRoles, type Role } from '../shared/settings-api';
import { createRole, readSummary } from './roles-api';

interface NewRole { name: string; description?: string; copyFrom?: string }

function NewRoleModal({ roles, onClose }: { roles: Role[]; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<NewRole>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(v: NewRole) {
    setBusy(true);
    setBanner(null);
    try {
      const source = roles.find((r) => r.id === v.copyFrom);
      const role = await createRole({
        name: v.name, description: v.description ?? '',
        ...(source ? { permissions: source.permissions, fieldPermissions: source.fieldPermissions, canUnmask: source.canUnmask } : {}),
      });
      await invalidate('roles');
      navigate(`/settings/roles/${role.id}`);
    } catch (err) {
      setBanner(applyFormErrors(form, err));
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('settings.roles.new')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden
      okText={t('settings.roles.createAndEdit')} okButtonProps={{ loading: busy }}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
        <Form.Item name="name" label={t('settings.roles.name')} rules={[{ required: true, whitespace: true, message: t('settings.common.required') }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="description" label={t('settings.common.description')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="copyFrom" label={t('settings.roles.copyFrom')} extra={t('settings.roles.copyFromHint')}>
          <Select allowClear options={roles.map((r) => ({ value: r.id, label: r.name }))} placeholder={t('settings.roles.startEmpty')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function RolesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const roles = useRoles();
  const [creating, setCreating] = useState(false);
  const list = roles.data ?? [];
  const open = (r: Role) => navigate(`/settings/roles/${r.id}`);

  return (
    <>
      <SettingsHeader title={t('settings.nav.roles')} subtitle={t('settings.roles.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('settings.roles.new')}</Button>} />
      {roles.isError && <Alert type="error" showIcon title={t('settings.common.loadFailed')} style={{ marginBottom: 12 }} />}
      {roles.isPending ? <Card><Skeleton active /></Card> : list.length === 0 ? (
        <Card><Empty description={t('settings.roles.empty')}><Button type="primary" onClick={() => setCreating(true)}>{t('settings.roles.new')}</Button></Empty></Card>
      ) : isMobile ? (
        <Flex vertical gap={8}>
          {list.map((r) => (
            <Card key={r.id} size="small" onClick={() => open(r)} style={{ cursor: 'pointer' }}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type="secondary">{t('settings.roles.users', { count: r.userCount })}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.description || '—'}</Typography.Text>
            </Card>
          ))}
        </Flex>
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Role> rowKey="id" dataSource={list} pagination={false} onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
            columns={[
              { key: 'name', title: t('settings.roles.name'), render: (_, r) => (
                <Flex gap={8} align="center"><Typography.Link>{r.name}</Typography.Link>{r.isSystem && <Tag>{t('settings.roles.system')}</Tag>}</Flex>
              ) },
              { key: 'description', title: t('settings.common.description'), render: (_, r) => <Typography.Text type="secondary">{r.description || '—'}</Typography.Text> },
              { key: 'read', title: t('settings.roles.defaultRead'), render: (_, r) => t(`settings.scopes.${readSummary(r)}`) },
              { key: 'unmask', title: t('settings.roles.canUnmask'), render: (_, r) => (r.canUnmask ? t('common.yes') : t('common.no')) },
              { key: 'users', title: t('settings.roles.userCount'), align: 'right', render: (_, r) => r.userCount },
            ]} />
        </Card>
      )}
      {creating && <NewRoleModal roles={list} onClose={() => setCreating(false)} />}
    </>
  );
}
