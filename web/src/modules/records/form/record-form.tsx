import { useMemo, useState } from 'react';
import { Alert, Button, Col, Flex, Form, Row } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api';
import { useCurrentUser } from '../../../app/auth-context';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { createRecord, invalidateObject, isConflict, patchRecord, storeRecord } from '../record-mutations';
import type { ObjectMeta, RecordRow } from '../records-api';
import { DEDUPE_OBJECTS, DuplicateHint } from './duplicate-hint';
import { FieldInput } from './field-input';
import { formFields, formToApi, isEditable, isWide, recordToForm } from './form-values';

export interface RecordFormProps {
  meta: ObjectMeta;
  /** The record being edited; absent when creating. */
  record?: RecordRow;
  /** Prefilled values on create, e.g. the account a new contact belongs to. */
  defaults?: Record<string, unknown>;
  onSaved: (record: RecordRow) => void;
  onCancel: () => void;
  /** Called when the server says the record changed meanwhile, to fetch the fresh copy. */
  onReload?: () => void;
}

/** Create or edit any object's record from its metadata; the server's field errors land beside the fields. */
export function RecordForm({ meta, record, defaults, onSaved, onCancel, onReload }: RecordFormProps) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [banner, setBanner] = useState<{ text: string; conflict?: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const mode = record ? 'edit' : 'create';
  const fields = useMemo(() => formFields(meta, mode), [meta, mode]);
  const me = useCurrentUser();
  // New records belong to whoever creates them unless they pick someone else.
  const initial = useMemo(() => recordToForm(fields, record ?? { ownerId: me.id, ...defaults }), [fields, defaults, record, me.id]);
  const names = fields.map((f) => f.apiName);
  // Every value as typed, for the duplicate check.
  const watched = Form.useWatch([], form) as Record<string, unknown> | undefined;
  const size = isMobile ? 'large' : 'middle';

  async function submit(values: Record<string, unknown>) {
    setBanner(null);
    const body = formToApi(fields, values, record);
    if (record && Object.keys(body).length === 0) {
      onSaved(record);
      return;
    }
    setSaving(true);
    try {
      const saved = record
        ? await patchRecord(meta.apiName, record.id, body, record.version)
        : await createRecord(meta.apiName, { ...defaultsToApi(defaults, names, meta.fields.map((f) => f.apiName)), ...body });
      storeRecord(qc, meta.apiName, saved);
      void invalidateObject(qc, meta.apiName);
      onSaved(saved);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  }

  function showError(err: unknown) {
    if (isConflict(err)) {
      setBanner({ text: t('form.conflict'), conflict: true });
      return;
    }
    if (!(err instanceof ApiError)) {
      setBanner({ text: errorMessage(err) });
      return;
    }
    const byField = err.fieldErrors;
    form.setFields(Object.entries(byField).filter(([n]) => names.includes(n)).map(([name, errors]) => ({ name, errors })));
    const hidden = Object.entries(byField).filter(([n]) => !names.includes(n))
      .map(([n, msgs]) => `${labelOf(n)}: ${msgs.join(' ')}`);
    setBanner({ text: [errorMessage(err), ...hidden].join(' ') });
  }

  const labelOf = (name: string) => {
    const f = meta.fields.find((x) => x.apiName === name);
    return f ? localize(f.label, i18n.language, name) : name;
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} size={size}
      scrollToFirstError={{ block: 'center' }} colon={false}
      aria-label={localize(meta.label, i18n.language, meta.apiName)}>
      {banner && (
        <Alert type={banner.conflict ? 'warning' : 'error'} showIcon title={banner.text} style={{ marginBottom: 16 }}
          action={banner.conflict && onReload
            ? <Button size="small" onClick={() => { setBanner(null); onReload(); }}>{t('form.reload')}</Button>
            : undefined} />
      )}
      {DEDUPE_OBJECTS.has(meta.apiName) && <DuplicateHint object={meta.apiName} values={watched ?? {}} excludeId={record?.id} />}
      <Row gutter={isMobile ? 0 : 20}>
        {fields.map((f, i) => (
          <Col key={f.apiName} span={isMobile || isWide(f) ? 24 : 12}>
            <Form.Item name={f.apiName} label={labelOf(f.apiName)}
              rules={f.required && isEditable(f) ? [{ required: true, message: t('form.required', { field: labelOf(f.apiName) }) }] : []}
              required={f.required} style={{ marginBottom: isMobile ? 18 : 16 }}>
              <FieldInput field={f} size={size} disabled={!isEditable(f)} autoFocus={i === 0 && !isMobile} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Flex gap={12} justify="flex-end" className="rp-sticky-actions">
        <Button onClick={onCancel} block={isMobile} size={size}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} block={isMobile} size={size}>
          {record ? t('common.save') : t('form.create')}
        </Button>
      </Flex>
    </Form>
  );
}

/**
 * Prefilled values that have no field on the form (a hidden relation) still go with the create; values for
 * fields this object does not have (a customer offered to an object without one) are dropped, not refused.
 */
function defaultsToApi(defaults: Record<string, unknown> | undefined, shown: string[], known: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(defaults ?? {}).filter(([k, v]) => !shown.includes(k) && known.includes(k) && v != null));
}
