import { useMemo, useState } from 'react';
import { Alert, App, Form, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { orderedFields } from '../fields/field-order';
import { UserPicker } from '../fields/pickers';
import { FieldInput } from '../form/field-input';
import { isEditable, toApiValue } from '../form/form-values';
import { bulkWrite, replaceRowInLists } from '../record-mutations';
import type { ObjectMeta } from '../records-api';

interface MassUpdateModalProps {
  meta: ObjectMeta;
  ids: string[];
  mode: 'update' | 'transfer' | null;
  onClose: () => void;
  onDone: () => void;
}

/** Bulk errors come back per row; the first few are enough to act on. */
function bulkProblem(err: unknown): string {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const rows = (err.problem.errors ?? []).slice(0, 3).map((e) => e.message);
  return [errorMessage(err), ...new Set(rows)].join(' ');
}

/** Nothing chosen yet: saving now would clear the field, which the form says while it is so. */
function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** One value written to every selected record, or every selected record handed to a new owner. */
export function MassUpdateModal({ meta, ids, mode, onClose, onDone }: MassUpdateModalProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [fieldName, setFieldName] = useState<string | null>(null);
  const [value, setValue] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editable = useMemo(() => orderedFields(meta)
    .filter((f) => isEditable(f) && !['name', 'ownerId'].includes(f.apiName) && !['file', 'address'].includes(f.type)), [meta]);
  const field = mode === 'transfer' ? meta.fields.find((f) => f.apiName === 'ownerId') : editable.find((f) => f.apiName === fieldName);

  const close = () => {
    setFieldName(null);
    setValue(undefined);
    setError(null);
    onClose();
  };

  async function submit() {
    if (!field) return;
    setSaving(true);
    setError(null);
    try {
      const v = toApiValue(field, value);
      const saved = await bulkWrite(meta.apiName, 'update', ids.map((id) => ({ id, [field.apiName]: v })));
      saved.forEach((row) => replaceRowInLists(qc, meta.apiName, row));
      message.success(mode === 'transfer' ? t('bulk.transferred', { count: ids.length }) : t('bulk.updated', { count: ids.length }));
      close();
      onDone();
    } catch (err) {
      setError(bulkProblem(err));
    } finally {
      setSaving(false);
    }
  }

  const title = mode === 'transfer' ? t('bulk.transferTitle', { count: ids.length }) : t('bulk.updateTitle', { count: ids.length });
  return (
    <Modal open={mode !== null} title={title} onCancel={close} onOk={() => void submit()} confirmLoading={saving}
      okButtonProps={{ disabled: !field || (mode === 'transfer' && !value) }} okText={t('common.save')}
      cancelText={t('common.cancel')} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        {mode === 'update' && (
          <Form.Item label={t('bulk.field')}>
            <Select value={fieldName} showSearch optionFilterProp="label" placeholder={t('form.choose')}
              onChange={(n: string) => { setFieldName(n); setValue(undefined); }}
              options={editable.map((f) => ({ value: f.apiName, label: localize(f.label, i18n.language, f.apiName) }))} />
          </Form.Item>
        )}
        {mode === 'transfer' && (
          <Form.Item label={t('bulk.newOwner')}>
            <UserPicker value={(value as string) ?? null} onChange={setValue} />
          </Form.Item>
        )}
        {mode === 'update' && field && (
          <Form.Item label={t('bulk.newValue')} extra={isBlank(value) ? t('bulk.emptyClears') : undefined}>
            <FieldInput field={field} value={value} onChange={setValue} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
