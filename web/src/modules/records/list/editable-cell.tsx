import { useState } from 'react';
import { App, Button, Flex } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiFetch, errorMessage, ApiError } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { FieldValue } from '../fields/field-value';
import { FieldInput } from '../form/field-input';
import { formToApi, isEditable, toFormValue } from '../form/form-values';
import { isConflict, patchRecord, replaceRowInLists, storeRecord } from '../record-mutations';
import { objectPath, type FieldMeta, type RecordRow } from '../records-api';

interface EditableCellProps {
  object: string;
  field: FieldMeta;
  record: RecordRow;
}

// Choosing from a list is the whole edit; typed values wait for Enter or the tick.
const COMMIT_ON_CHANGE = new Set(['select', 'boolean', 'user', 'relation', 'department', 'date']);

/** A cell that turns into its field's control; saves with the version the row was loaded at. */
export function EditableCell({ object, field, record }: EditableCellProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const label = localize(field.label, i18n.language, field.apiName);

  if (!isEditable(field) || field.type === 'address' || field.type === 'longText') {
    return <FieldValue field={field} record={record} inRow />;
  }

  const start = () => {
    setValue(toFormValue(field, record[field.apiName]));
    setEditing(true);
  };

  async function commit(next: unknown) {
    const body = formToApi([field], { [field.apiName]: next }, record);
    if (Object.keys(body).length === 0) {
      setEditing(false);
      return;
    }
    setSaving(true);
    try {
      const saved = await patchRecord(object, record.id, body, record.version);
      replaceRowInLists(qc, object, saved);
      storeRecord(qc, object, saved);
      setEditing(false);
    } catch (err) {
      if (isConflict(err)) {
        message.warning(t('records.conflict'));
        const fresh = await apiFetch<RecordRow>(objectPath(object, record.id)).catch(() => null);
        if (fresh) replaceRowInLists(qc, object, fresh);
        setEditing(false);
      } else {
        const fieldMsg = err instanceof ApiError ? err.fieldErrors[field.apiName]?.join(' ') : undefined;
        message.error(fieldMsg ? `${label}: ${fieldMsg}` : errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  }

  if (!editing) {
    return (
      <Flex className="rp-cell" align="center" gap={4} onDoubleClick={start}>
        <span className="rp-cell-value"><FieldValue field={field} record={record} inRow /></span>
        {/* A plain button: dozens render per scrolled frame, and antd's Button costs far more to mount. */}
        <button type="button" className="rp-cell-edit" aria-label={t('records.editCell', { field: label })}
          onClick={(e) => { e.stopPropagation(); start(); }}><EditOutlined /></button>
      </Flex>
    );
  }

  return (
    <Flex align="center" gap={4} onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => { if (e.key === 'Escape') setEditing(false); }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <FieldInput field={field} value={value} autoFocus onPressEnter={() => void commit(value)}
          onChange={(v) => { setValue(v); if (COMMIT_ON_CHANGE.has(field.type)) void commit(v); }} />
      </div>
      <Button type="text" size="small" icon={<CheckOutlined />} loading={saving} aria-label={t('common.save')}
        onClick={() => void commit(value)} />
      <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('common.cancel')} onClick={() => setEditing(false)} />
    </Flex>
  );
}
