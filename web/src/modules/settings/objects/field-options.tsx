import { Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import type { FieldDef, ObjectSummary } from '../shared/settings-api';
import { ChoiceList } from './choice-list';
import { NUMERIC_TYPES } from './field-model';

interface Props {
  type: string;
  optionKeys: string[];
  creating: boolean;
  objects: ObjectSummary[];
  /** The other fields of the object, for formulas. */
  siblings: FieldDef[];
  existingChoices: ReadonlySet<string>;
}

const DATE_FORMATS = ['', 'YYYYMMDD', 'YYYYMM', 'YYYY', 'YYMMDD', 'YYYY-MM-DD'];
const RESETS = ['never', 'daily', 'monthly', 'yearly'] as const;
const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];

function autoNumberPreview(prefix: string, dateFormat: string, digits: number): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  const date = dateFormat.replace(/YYYY|YY|MM|DD/g, (tok) => ({
    YYYY: String(d.getFullYear()), YY: String(d.getFullYear()).slice(2), MM: p(d.getMonth() + 1), DD: p(d.getDate()),
  } as Record<string, string>)[tok]);
  return `${prefix}${date}${'1'.padStart(Math.min(Math.max(digits || 4, 1), 12), '0')}`;
}

/** The inputs for a type's own options, named exactly like the request body so server errors land on them. */
export function FieldOptions({ type, optionKeys, creating, objects, siblings, existingChoices }: Props) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const has = (k: string) => optionKeys.includes(k);
  const prefix = Form.useWatch(['options', 'prefix'], form) as string | undefined;
  const dateFormat = Form.useWatch(['options', 'dateFormat'], form) as string | undefined;
  const digits = Form.useWatch(['options', 'digits'], form) as number | undefined;

  if (type === 'select' || type === 'multiSelect') return <ChoiceList existing={existingChoices} />;

  if (type === 'relation') {
    return (
      <Form.Item name={['options', 'target']} label={t('settings.fields.target')} extra={creating ? t('settings.fields.targetHint') : undefined}
        rules={[{ required: true, message: t('settings.common.required') }]}>
        <Select disabled={!creating} showSearch optionFilterProp="label" placeholder={t('settings.fields.pickTarget')}
          options={objects.map((o) => ({ value: o.apiName, label: localize(o.label, i18n.language, o.apiName) }))} />
      </Form.Item>
    );
  }

  if (type === 'autoNumber') {
    return (
      <>
        <Flex gap={12} wrap>
          <Form.Item name={['options', 'prefix']} label={t('settings.fields.prefix')} style={{ flex: '1 1 140px' }}>
            <Input maxLength={20} placeholder="HT-" />
          </Form.Item>
          <Form.Item name={['options', 'dateFormat']} label={t('settings.fields.dateFormat')} style={{ flex: '1 1 160px' }}>
            <Select options={DATE_FORMATS.map((f) => ({ value: f, label: f || t('settings.fields.noDate') }))} />
          </Form.Item>
          <Form.Item name={['options', 'digits']} label={t('settings.fields.digits')} style={{ flex: '0 1 110px' }}>
            <InputNumber min={1} max={12} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name={['options', 'reset']} label={t('settings.fields.reset')} style={{ flex: '1 1 140px' }}>
            <Select options={RESETS.map((r) => ({ value: r, label: t(`settings.fields.resets.${r}`) }))} />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary">
          {t('settings.fields.preview')}: <Typography.Text code>{autoNumberPreview(prefix ?? '', dateFormat ?? '', digits ?? 4)}</Typography.Text>
        </Typography.Text>
      </>
    );
  }

  if (type === 'formula') {
    const numeric = siblings.filter((f) => f.status === 'active' && !f.system && NUMERIC_TYPES.includes(f.type));
    return (
      <>
        <Form.Item name={['options', 'expression']} label={t('settings.fields.expression')} extra={t('settings.fields.expressionHint')}
          rules={[{ required: true, message: t('settings.common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder="amount * (1 - discount / 100)"
            style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }} />
        </Form.Item>
        {numeric.length > 0 && (
          <Flex gap={6} wrap align="center" style={{ marginTop: -12, marginBottom: 16 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settings.fields.insertField')}</Typography.Text>
            {numeric.map((f) => (
              <Typography.Link key={f.apiName} style={{ fontSize: 12 }} onClick={() => {
                const cur = (form.getFieldValue(['options', 'expression']) as string | undefined) ?? '';
                form.setFieldValue(['options', 'expression'], `${cur}${cur && !/\s$/.test(cur) ? ' ' : ''}${f.apiName}`);
              }}>
                {localize(f.label, i18n.language, f.apiName)} <Typography.Text code style={{ fontSize: 11 }}>{f.apiName}</Typography.Text>
              </Typography.Link>
            ))}
          </Flex>
        )}
        <Flex gap={16} wrap>
          <Form.Item name={['options', 'scale']} label={t('settings.fields.scale')}>
            <InputNumber min={0} max={8} precision={0} />
          </Form.Item>
          <Form.Item name={['options', 'blankAsZero']} label={t('settings.fields.blankAsZero')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
      </>
    );
  }

  if (NUMERIC_TYPES.includes(type)) {
    return (
      <Flex gap={12} wrap>
        {has('precision') && (
          <Form.Item name={['options', 'precision']} label={t('settings.fields.precision')} style={{ flex: '1 1 120px' }}>
            <InputNumber min={1} max={18} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name={['options', 'scale']} label={t('settings.fields.scale')} style={{ flex: '1 1 120px' }}>
          <InputNumber min={0} max={type === 'number' ? 8 : 4} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={['options', 'min']} label={t('settings.fields.min')} style={{ flex: '1 1 120px' }}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={['options', 'max']} label={t('settings.fields.max')} style={{ flex: '1 1 120px' }}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        {has('currency') && (
          <Form.Item name={['options', 'currency']} label={t('settings.fields.currency')} style={{ flex: '1 1 120px' }}>
            <Select allowClear options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
        )}
      </Flex>
    );
  }

  if (has('maxLength')) {
    return (
      <Form.Item name={['options', 'maxLength']} label={t('settings.fields.maxLength')} extra={t('settings.fields.maxLengthHint')}>
        <InputNumber min={1} precision={0} style={{ width: 180 }} />
      </Form.Item>
    );
  }
  return null;
}
