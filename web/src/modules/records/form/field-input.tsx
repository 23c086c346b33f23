import { DatePicker, Input, InputNumber, Select, Switch, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { AddressInput } from '../fields/address-input';
import { configSource, useConfigItems } from '../fields/config-refs';
import { DepartmentPicker, RelationPicker, UserPicker } from '../fields/pickers';
import type { FieldMeta } from '../records-api';

export interface FieldInputProps {
  field: FieldMeta;
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
  disabled?: boolean;
  size?: 'large' | 'middle';
  autoFocus?: boolean;
  onPressEnter?: () => void;
}

function maxLength(field: FieldMeta, fallback: number): number {
  const n = Number(field.options?.maxLength);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** A pool or a pipeline chosen by name. */
function ConfigSelect({ source, value, onChange, id, disabled, size, autoFocus }: FieldInputProps & { source: string }) {
  const { t } = useTranslation();
  const items = useConfigItems(source);
  const options = (items.data ?? []).filter((i) => i.active !== false || i.id === value).map((i) => ({ value: i.id, label: i.name }));
  return <Select id={id} disabled={disabled} size={size} autoFocus={autoFocus} loading={items.isPending} value={(value as string) ?? undefined}
    onChange={(v) => onChange?.(v ?? null)} options={options} allowClear style={{ width: '100%' }} placeholder={t('form.choose')} />;
}

const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'AUD', 'CAD', 'KRW', 'TWD', 'MOP'];

/** Currency codes by name ("CNY · 人民币"), still accepting any other three-letter code typed in. */
function CurrencySelect({ value, onChange, id, disabled, size, autoFocus }: FieldInputProps) {
  const { t, i18n } = useTranslation();
  let names: Intl.DisplayNames | null = null;
  try { names = new Intl.DisplayNames([i18n.language], { type: 'currency' }); } catch { names = null; }
  const codes = typeof value === 'string' && value && !CURRENCIES.includes(value) ? [value, ...CURRENCIES] : CURRENCIES;
  return <Select id={id} disabled={disabled} size={size} autoFocus={autoFocus} value={(value as string) || undefined} showSearch allowClear
    onChange={(v) => onChange?.(v ?? null)} placeholder={t('form.choose')} style={{ width: '100%' }} optionFilterProp="label"
    options={codes.map((c) => ({ value: c, label: `${c} · ${names?.of(c) ?? c}` }))} />;
}

/** The right control for a field type; Form.Item passes value/onChange/id. */
export function FieldInput({ field, value, onChange, id, disabled, size, autoFocus, onPressEnter }: FieldInputProps) {
  const { t, i18n } = useTranslation();
  const common = { id, disabled, size, autoFocus };
  const str = (value ?? '') as string;
  const text = (e: { target: { value: string } }) => onChange?.(e.target.value);
  const options = (field.options?.options ?? []).map((o) => ({
    value: o.value, label: localize(o.label, i18n.language, o.value), disabled: o.disabled,
  }));

  const source = configSource(field);
  if (source) return <ConfigSelect source={source} field={field} value={value} onChange={onChange} {...common} />;
  if (field.apiName === 'currency' && field.type === 'text') return <CurrencySelect field={field} value={value} onChange={onChange} {...common} />;

  switch (field.type) {
    case 'longText':
    case 'richText':
      return <Input.TextArea {...common} value={str} onChange={text} autoSize={{ minRows: 3, maxRows: 12 }}
        maxLength={maxLength(field, field.type === 'richText' ? 200_000 : 32_000)} />;
    case 'number':
    case 'currency':
    case 'percent':
      return <InputNumber {...common} stringMode value={value as string | undefined} style={{ width: '100%' }}
        onChange={(v) => onChange?.(v)} onPressEnter={onPressEnter}
        min={field.type === 'percent' ? '0' : undefined} max={field.type === 'percent' ? '100' : undefined}
        suffix={field.type === 'percent' ? '%' : undefined} />;
    case 'date':
      return <DatePicker {...common} value={value as never} onChange={(v) => onChange?.(v)} style={{ width: '100%' }} />;
    case 'datetime':
      return <DatePicker {...common} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={value as never}
        onChange={(v) => onChange?.(v)} style={{ width: '100%' }} />;
    case 'boolean':
      return <Switch id={id} disabled={disabled} checked={!!value} onChange={(v) => onChange?.(v)} autoFocus={autoFocus} />;
    case 'select':
      return <Select {...common} value={value ?? undefined} onChange={(v) => onChange?.(v ?? null)} options={options}
        allowClear showSearch={options.length > 8} optionFilterProp="label" style={{ width: '100%' }}
        placeholder={t('form.choose')} />;
    case 'multiSelect':
      return <Select {...common} mode={field.options?.free ? 'tags' : 'multiple'} value={(value as string[]) ?? []}
        onChange={(v) => onChange?.(v)} options={options} allowClear optionFilterProp="label" style={{ width: '100%' }}
        placeholder={field.options?.free ? t('form.typeTags') : t('form.choose')} />;
    case 'phone':
      return <Input {...common} type="tel" inputMode="tel" autoComplete="tel" value={str} onChange={text}
        onPressEnter={onPressEnter} maxLength={40} />;
    case 'email':
      return <Input {...common} type="email" inputMode="email" autoComplete="email" value={str} onChange={text}
        onPressEnter={onPressEnter} maxLength={254} />;
    case 'url':
      return <Input {...common} type="url" inputMode="url" value={str} onChange={text} onPressEnter={onPressEnter}
        maxLength={2048} placeholder="https://" />;
    case 'address':
      return <AddressInput id={id} disabled={disabled} size={size} value={value as never} onChange={(v) => onChange?.(v)} />;
    case 'user':
      return <UserPicker {...common} value={(value as string) ?? null} onChange={(v) => onChange?.(v)} />;
    case 'department':
      return <DepartmentPicker {...common} value={(value as string) ?? null} onChange={(v) => onChange?.(v)} />;
    case 'relation':
      return <RelationPicker {...common} target={String(field.options?.target ?? '')} value={(value as string) ?? null}
        onChange={(v) => onChange?.(v)} />;
    case 'file':
      return (
        <Tooltip title={t('form.fileLater')}>
          <Input {...common} disabled value={t('form.fileLater')} />
        </Tooltip>
      );
    case 'autoNumber':
    case 'formula':
      return <Input {...common} disabled value={value == null ? '' : String(value)} placeholder={t('form.computed')} />;
    default:
      return <Input {...common} value={str} onChange={text} onPressEnter={onPressEnter} maxLength={maxLength(field, 255)} />;
  }
}
