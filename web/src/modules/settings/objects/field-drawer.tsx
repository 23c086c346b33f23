import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Divider, Drawer, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { applyFormErrors } from '../shared/form-errors';
import { useFieldTypes, useInvalidate, useObjects, type FieldDef, type ObjectDetail } from '../shared/settings-api';
import { FieldOptions } from './field-options';
import { createBody, formValues, suggestApiName, TYPE_GROUPS, updateBody, type FieldFormValues } from './field-model';

interface Props {
  object: ObjectDetail;
  /** null: a new field. */
  field: FieldDef | null;
  onClose: () => void;
  /** Offered for custom fields; phones have no retire button in the list. */
  onRetire?: (field: FieldDef) => void;
}

const DEFAULT_OPTIONS: Record<string, Record<string, unknown>> = {
  select: { options: [{ label: {}, value: '' }, { label: {}, value: '' }] },
  multiSelect: { options: [{ label: {}, value: '' }, { label: {}, value: '' }] },
  autoNumber: { prefix: '', dateFormat: 'YYYYMMDD', digits: 4, reset: 'never' },
  formula: { scale: 2 },
};

export function FieldDrawer({ object, field, onClose, onRetire }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const invalidate = useInvalidate();
  const types = useFieldTypes();
  const objects = useObjects();
  const [form] = Form.useForm<FieldFormValues>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const creating = !field;
  const type = (Form.useWatch('type', form) as string | undefined) ?? field?.type;
  const info = types.data?.find((x) => x.type === type);
  const locked = !!field && !field.isCustom;
  const existingChoices = useMemo(() => new Set((field?.options.options ?? []).map((o) => o.value)), [field]);

  useEffect(() => {
    form.setFieldsValue(field ? formValues(field) : { type: 'text', label: {}, options: {} });
  }, [form, field]);

  function onValuesChange(changed: FieldFormValues) {
    if (!creating) return;
    if (changed.type) form.setFieldValue('options', DEFAULT_OPTIONS[changed.type] ?? {});
    // Suggest the API name from the English label until the person types one of their own.
    if (changed.label?.['en-US'] !== undefined && !form.isFieldTouched('apiName')) {
      form.setFieldValue('apiName', suggestApiName(changed.label['en-US']));
    }
  }

  async function submit(v: FieldFormValues) {
    setBusy(true);
    setBanner(null);
    const base = `/metadata/objects/${encodeURIComponent(object.apiName)}/fields`;
    try {
      if (field) await apiFetch(`${base}/${encodeURIComponent(field.apiName)}`, { method: 'PATCH', body: updateBody(field, v, info) });
      else await apiFetch(base, { method: 'POST', body: createBody(v, info) });
      await invalidate('metadata');
      message.success(creating ? t('settings.fields.created') : t('settings.common.saved'));
      onClose();
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setBusy(false);
    }
  }

  const typeOptions = TYPE_GROUPS.map((g) => ({
    label: t(`settings.typeGroups.${g.key}`),
    options: g.types.map((ty) => ({ value: ty, label: t(`settings.fieldTypes.${ty}`) })),
  }));
  const flag = (name: 'required' | 'unique' | 'filterable' | 'sensitive', disabled = false) => (
    <Form.Item name={name} valuePropName="checked" style={{ margin: 0 }}>
      <Checkbox disabled={locked || disabled}>
        {t(`settings.fields.${name}`)}
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t(`settings.fields.${name}Hint`)}</Typography.Text>
      </Checkbox>
    </Form.Item>
  );

  return (
    <Drawer open onClose={onClose} size={isMobile ? '100%' : 640} destroyOnHidden
      title={creating ? t('settings.fields.new') : t('settings.fields.editTitle', { name: field.apiName })}
      footer={
        <Flex justify="flex-end" gap={8}>
          {field?.isCustom && onRetire && (
            <Button danger type="text" style={{ marginInlineEnd: 'auto' }} onClick={() => onRetire(field)}>{t('settings.fields.retire')}</Button>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{creating ? t('settings.fields.add') : t('common.save')}</Button>
        </Flex>
      }>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} onValuesChange={onValuesChange}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} />}
        {locked && <Alert type="info" showIcon title={t('settings.fields.standardHint')} style={{ marginBottom: 16 }} />}
        <Form.Item name="type" label={t('settings.fields.type')}>
          {creating
            ? <Select options={typeOptions} showSearch optionFilterProp="label" loading={types.isPending} />
            : <Tag style={{ fontSize: 13, padding: '2px 8px' }}>{t(`settings.fieldTypes.${field.type}`, { defaultValue: field.type })}</Tag>}
        </Form.Item>
        <Flex gap={12} vertical={isMobile}>
          <Form.Item name={['label', 'zh-CN']} label={t('settings.common.labelZh')} style={{ flex: 1 }} dependencies={[['label', 'en-US']]}
            rules={[({ getFieldValue }) => ({
              validator: (_, v?: string) => (v?.trim() || (getFieldValue(['label', 'en-US']) as string | undefined)?.trim()
                ? Promise.resolve() : Promise.reject(new Error(t('settings.common.labelHint')))),
            })]}>
            <Input maxLength={100} placeholder="合同金额" />
          </Form.Item>
          <Form.Item name={['label', 'en-US']} label={t('settings.common.labelEn')} style={{ flex: 1 }}>
            <Input maxLength={100} placeholder="Contract value" />
          </Form.Item>
        </Flex>
        {creating ? (
          <Form.Item name="apiName" label={t('settings.fields.apiName')} extra={t('settings.fields.apiNameHint')}
            rules={[{ required: true, message: t('settings.common.required') }, { pattern: /^[a-z][a-zA-Z0-9]{0,39}$/, message: t('settings.fields.apiNameFormat') }]}>
            <Input maxLength={40} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }} />
          </Form.Item>
        ) : (
          <Form.Item label={t('settings.fields.apiName')}>
            <Typography.Text code>{field.apiName}</Typography.Text>
          </Form.Item>
        )}
        {type && (info?.optionKeys.length ?? 0) > 0 && (
          <>
            <Divider titlePlacement="start" plain style={{ marginTop: 4 }}>{t('settings.fields.optionsTitle')}</Divider>
            <FieldOptions type={type} optionKeys={info?.optionKeys ?? []} creating={creating}
              objects={(objects.data ?? []).filter((o) => o.status === 'active')} siblings={object.fields} existingChoices={existingChoices} />
          </>
        )}
        <Divider titlePlacement="start" plain>{t('settings.fields.behaviour')}</Divider>
        <Flex vertical gap={10}>
          {flag('required', !!info?.computed)}
          {flag('unique', !info?.canBeUnique)}
          {flag('filterable', !info?.indexed)}
          {flag('sensitive')}
        </Flex>
      </Form>
    </Drawer>
  );
}
