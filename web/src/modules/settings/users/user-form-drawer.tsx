import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, Popconfirm, Segmented, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../app/auth-context';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { DepartmentSelect } from '../shared/department-select';
import { applyFormErrors } from '../shared/form-errors';
import { useAllUsers, useInvalidate, useRoles, type AdminUser } from '../shared/settings-api';
import { timeZoneOptions } from '../shared/time-zones';
import { createUser, updateUser, type UserWrite } from './users-api';

interface Props {
  /** null: a new user. */
  user: AdminUser | null;
  onClose: () => void;
  onResetPassword?: (user: AdminUser) => void;
}

export function UserFormDrawer({ user, onClose, onResetPassword }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<UserWrite>();
  const [saving, setSaving] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const roles = useRoles();
  const users = useAllUsers();
  const zones = useMemo(timeZoneOptions, []);
  const creating = !user;

  useEffect(() => {
    form.setFieldsValue(user ? {
      name: user.name, departmentId: user.departmentId, managerId: user.managerId, roleIds: user.roleIds,
      locale: user.locale, timeZone: user.timeZone, isAdmin: user.isAdmin, status: user.status,
    } : {
      roleIds: [], locale: i18n.language, timeZone: me.timeZone ?? 'Asia/Shanghai', isAdmin: false,
      departmentId: null, managerId: null,
    });
  }, [form, user, i18n.language, me.timeZone]);

  async function submit(v: UserWrite) {
    setSaving(true);
    setBanner(null);
    try {
      const body = { ...v, managerId: v.managerId ?? null, departmentId: v.departmentId ?? null, password: v.password || undefined };
      if (user) await updateUser(user.id, user.version, body);
      else await createUser(body);
      await invalidate('users', 'departments', 'roles');
      message.success(creating ? t('settings.users.created') : t('settings.common.saved'));
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setSaving(false);
    }
  }

  async function resetMfa() {
    if (!user) return;
    try {
      await updateUser(user.id, user.version, { mfaEnabled: false });
      await invalidate('users');
      message.success(t('settings.users.mfaReset'));
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    }
  }

  const managers = (users.data ?? []).filter((u) => u.id !== user?.id && (u.status === 'active' || u.id === user?.managerId))
    .map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }));

  return (
    <Drawer open onClose={onClose} size={isMobile ? '100%' : 560} destroyOnHidden
      title={creating ? t('settings.users.new') : t('settings.users.editTitle', { name: user.name })}
      footer={
        <Flex justify="flex-end" gap={8}>
          {user && onResetPassword && (
            <Button type="link" style={{ marginInlineEnd: 'auto', paddingInline: 0 }} onClick={() => onResetPassword(user)}>
              {t('settings.users.resetAction')}
            </Button>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>{creating ? t('settings.common.create') : t('common.save')}</Button>
        </Flex>
      }>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} />}
        {creating ? (
          <Form.Item name="email" label={t('settings.users.email')} rules={[{ required: true, type: 'email', message: t('settings.users.emailInvalid') }]}>
            <Input autoComplete="off" maxLength={254} />
          </Form.Item>
        ) : (
          <Form.Item label={t('settings.users.email')}><Input value={user.email} disabled /></Form.Item>
        )}
        <Form.Item name="name" label={t('settings.users.name')} rules={[{ required: true, whitespace: true, message: t('settings.common.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        {creating && (
          <Form.Item name="password" label={t('settings.users.initialPassword')} extra={t('settings.users.initialPasswordHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="departmentId" label={t('settings.users.department')}>
          <DepartmentSelect />
        </Form.Item>
        <Form.Item name="managerId" label={t('settings.users.manager')} extra={t('settings.users.managerHint')}>
          <Select allowClear showSearch optionFilterProp="label" options={managers} loading={users.isPending}
            placeholder={t('settings.users.pickManager')} notFoundContent={t('pickers.noMatch')} />
        </Form.Item>
        <Form.Item name="roleIds" label={t('settings.users.roles')} extra={t('settings.users.rolesHint')}>
          <Select mode="multiple" allowClear optionFilterProp="label" loading={roles.isPending}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))} placeholder={t('settings.users.pickRoles')} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="locale" label={t('settings.profile.language')}>
            <Segmented options={[{ value: 'zh-CN', label: t('language.zh-CN') }, { value: 'en-US', label: t('language.en-US') }]} />
          </Form.Item>
          {!creating && (
            <Form.Item name="status" label={t('settings.common.status')}>
              <Segmented options={[{ value: 'active', label: t('settings.common.active') }, { value: 'inactive', label: t('settings.common.inactive') }]} />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="timeZone" label={t('settings.profile.timeZone')}>
          <Select showSearch options={zones} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="isAdmin" label={t('settings.users.isAdmin')} valuePropName="checked" extra={t('settings.users.isAdminHint')}>
          <Switch />
        </Form.Item>
        {user?.mfaEnabled && (
          <Flex vertical gap={6} style={{ padding: 12, background: '#f7f9fc', borderRadius: 8 }}>
            <Typography.Text>{t('settings.users.mfaOn')}</Typography.Text>
            <div>
              <Popconfirm title={t('settings.users.mfaResetConfirm')} onConfirm={() => void resetMfa()}>
                <Button size="small">{t('settings.users.mfaResetAction')}</Button>
              </Popconfirm>
            </div>
          </Flex>
        )}
      </Form>
    </Drawer>
  );
}
