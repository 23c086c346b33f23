import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Result, Skeleton, Switch, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api';
import { applyFormErrors } from '../shared/form-errors';
import { SettingsHeader } from '../shared/settings-header';
import { useInvalidate, useObjects, type Role } from '../shared/settings-api';
import { FieldAccessTable } from './field-access-table';
import { compact, deleteRole, updateRole, useRole } from './roles-api';
import { ScopeGrid } from './scope-grid';

type Draft = Pick<Role, 'permissions' | 'fieldPermissions' | 'canUnmask'>;

function Editor({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const objects = useObjects();
  const [form] = Form.useForm<{ name: string; description: string }>();
  const [draft, setDraft] = useState<Draft>({ permissions: role.permissions, fieldPermissions: role.fieldPermissions, canUnmask: role.canUnmask });
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue({ name: role.name, description: role.description });
  }, [form, role]);

  const change = (patch: Partial<Draft>) => { setDraft((d) => ({ ...d, ...patch })); setDirty(true); };

  async function save(v: { name: string; description: string }) {
    setSaving(true);
    setBanner(null);
    try {
      await updateRole(role.id, {
        name: v.name, description: v.description ?? '', canUnmask: draft.canUnmask,
        permissions: compact(draft.permissions), fieldPermissions: compact(draft.fieldPermissions),
      });
      await invalidate('roles');
      setDirty(false);
      message.success(t('settings.roles.saved'));
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setSaving(false);
    }
  }

  function remove() {
    modal.confirm({
      title: t('settings.common.confirmDelete', { name: role.name }), content: t('settings.roles.deleteHint'),
      okText: t('common.delete'), okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await deleteRole(role.id);
          await invalidate('roles');
          message.success(t('settings.common.deleted'));
          navigate('/settings/roles');
        } catch (err) {
          modal.error({ title: t('settings.roles.deleteFailed'), content: errorMessage(err) });
        }
      },
    });
  }

  const list = (objects.data ?? []).filter((o) => o.status === 'active');
  return (
    <>
      <SettingsHeader back="/settings/roles" title={role.name}
        subtitle={t('settings.roles.users', { count: role.userCount })}
        extra={
          <>
            {dirty && <Tag color="orange" style={{ alignSelf: 'center' }}>{t('settings.common.unsaved')}</Tag>}
            <Button danger icon={<DeleteOutlined />} onClick={remove}>{t('common.delete')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()}>{t('common.save')}</Button>
          </>
        } />
      {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
      <Flex vertical gap={16}>
        <Card>
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void save(v)} onValuesChange={() => setDirty(true)}>
            <Flex gap={16} wrap>
              <Form.Item name="name" label={t('settings.roles.name')} style={{ flex: '1 1 240px' }}
                rules={[{ required: true, whitespace: true, message: t('settings.common.required') }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="description" label={t('settings.common.description')} style={{ flex: '2 1 320px' }}>
                <Input maxLength={1000} />
              </Form.Item>
            </Flex>
            <Flex gap={12} align="center">
              <Switch checked={draft.canUnmask} onChange={(canUnmask) => change({ canUnmask })} aria-label={t('settings.roles.canUnmask')} />
              <div>
                <Typography.Text>{t('settings.roles.canUnmask')}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('settings.roles.canUnmaskHint')}</Typography.Text>
              </div>
            </Flex>
          </Form>
        </Card>
        <Card styles={{ body: { paddingTop: 4 } }}>
          <Tabs items={[
            {
              key: 'scopes', label: t('settings.roles.dataAccess'),
              children: (
                <Flex vertical gap={12}>
                  <Typography.Text type="secondary">{t('settings.roles.scopeHint')}</Typography.Text>
                  {objects.isPending ? <Skeleton active /> : (
                    <ScopeGrid objects={list} value={draft.permissions} onChange={(permissions) => change({ permissions })} />
                  )}
                </Flex>
              ),
            },
            {
              key: 'fields', label: t('settings.roles.fieldAccessTab'),
              children: objects.isPending ? <Skeleton active /> : (
                <FieldAccessTable objects={list} value={draft.fieldPermissions} onChange={(fieldPermissions) => change({ fieldPermissions })} />
              ),
            },
          ]} />
        </Card>
      </Flex>
    </>
  );
}

export default function RoleEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const role = useRole(id);
  if (role.isPending) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (role.isError) {
    const notFound = role.error instanceof ApiError && role.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? t('settings.roles.notFound') : t('settings.common.loadFailed')} />;
  }
  return <Editor key={role.data.id} role={role.data} />;
}
