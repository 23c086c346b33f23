import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { DepartmentSelect } from '../shared/department-select';
import { applyFormErrors } from '../shared/form-errors';
import { useAllUsers, useInvalidate, type Department } from '../shared/settings-api';
import { createDepartment, updateDepartment, type DepartmentWrite } from './departments-api';

export type DepartmentDialog =
  | { mode: 'create'; parentId: string }
  | { mode: 'edit'; department: Department; parentId: string | null };

export function DepartmentModal({ dialog, onClose }: { dialog: DepartmentDialog; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const users = useAllUsers();
  const [form] = Form.useForm<DepartmentWrite>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const editing = dialog.mode === 'edit' ? dialog.department : null;
  const isRoot = dialog.mode === 'edit' && dialog.parentId === null;

  useEffect(() => {
    form.setFieldsValue(editing
      ? { name: editing.name, parentId: dialog.parentId, headId: editing.headId }
      : { name: '', parentId: dialog.parentId, headId: null });
  }, [form, editing, dialog.parentId]);

  async function submit(v: DepartmentWrite) {
    setBusy(true);
    setBanner(null);
    try {
      const body = { ...v, headId: v.headId ?? null, ...(isRoot ? { parentId: undefined } : {}) };
      if (editing) await updateDepartment(editing.id, body);
      else await createDepartment(body);
      await invalidate('departments');
      message.success(editing ? t('settings.common.saved') : t('settings.departments.created'));
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open destroyOnHidden onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }}
      okText={editing ? t('common.save') : t('settings.common.create')}
      title={editing ? t('settings.departments.editTitle') : t('settings.departments.new')}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 12 }} />}
        <Form.Item name="name" label={t('settings.departments.name')} rules={[{ required: true, whitespace: true, message: t('settings.common.required') }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        {!isRoot && (
          <Form.Item name="parentId" label={t('settings.departments.parent')} extra={t('settings.departments.parentHint')}
            rules={[{ required: true, message: t('settings.common.required') }]}>
            <DepartmentSelect exclude={editing?.id} allowClear={false} />
          </Form.Item>
        )}
        <Form.Item name="headId" label={t('settings.departments.head')}>
          <Select allowClear showSearch optionFilterProp="label" loading={users.isPending}
            options={(users.data ?? []).filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: u.name }))}
            placeholder={t('settings.departments.pickHead')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
