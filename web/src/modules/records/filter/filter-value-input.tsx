import { DatePicker, Flex, Input, InputNumber, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { DepartmentPicker, RelationPicker, UserPicker } from '../fields/pickers';
import type { FieldMeta } from '../records-api';
import { RELATIVE_PERIODS, valueShape } from './filter-model';

interface ValueProps {
  field: FieldMeta;
  value: unknown;
  onChange: (value: unknown) => void;
  ariaLabel: string;
}

const NUMERIC = new Set(['number', 'currency', 'percent', 'formula']);

/** One value in API form: dates as YYYY-MM-DD, date-times as ISO instants, numbers as numbers. */
function SingleValue({ field, value, onChange, ariaLabel }: ValueProps) {
  const { t, i18n } = useTranslation();
  const props = { 'aria-label': ariaLabel, style: { width: '100%' } };
  if (field.type === 'select' || field.type === 'multiSelect') {
    const options = (field.options?.options ?? []).map((o) => ({ value: o.value, label: localize(o.label, i18n.language, o.value) }));
    return <Select {...props} value={value ?? undefined} onChange={onChange} options={options} showSearch
      optionFilterProp="label" placeholder={t('form.choose')} />;
  }
  if (field.type === 'boolean') {
    return <Select {...props} value={value ?? undefined} onChange={onChange} placeholder={t('form.choose')}
      options={[{ value: true, label: t('common.yes') }, { value: false, label: t('common.no') }]} />;
  }
  if (field.type === 'user') return <UserPicker ariaLabel={ariaLabel} value={(value as string) ?? null} onChange={onChange} />;
  if (field.type === 'department') return <DepartmentPicker ariaLabel={ariaLabel} value={(value as string) ?? null} onChange={onChange} />;
  if (field.type === 'relation') {
    return <RelationPicker ariaLabel={ariaLabel} target={String(field.options?.target ?? '')} value={(value as string) ?? null} onChange={onChange} />;
  }
  if (field.type === 'date' || field.type === 'datetime') {
    const withTime = field.type === 'datetime';
    const d = typeof value === 'string' && value ? dayjs(value) : null;
    return <DatePicker {...props} showTime={withTime ? { format: 'HH:mm' } : undefined}
      format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'} value={d?.isValid() ? d : null}
      onChange={(v) => onChange(v ? (withTime ? v.toISOString() : v.format('YYYY-MM-DD')) : null)} />;
  }
  if (NUMERIC.has(field.type)) {
    return <InputNumber {...props} value={value as number | null} onChange={(v) => onChange(v)} />;
  }
  return <Input aria-label={ariaLabel} value={(value as string) ?? ''} onChange={(e) => onChange(e.target.value)}
    placeholder={t('filter.valuePlaceholder')} maxLength={255} />;
}

function ListValue({ field, value, onChange, ariaLabel }: ValueProps) {
  const { t, i18n } = useTranslation();
  const list = Array.isArray(value) ? value : [];
  if (field.type === 'user') return <UserPicker multiple ariaLabel={ariaLabel} value={list} onChange={onChange} />;
  if (field.type === 'department') return <DepartmentPicker multiple ariaLabel={ariaLabel} value={list} onChange={onChange} />;
  if (field.type === 'relation') {
    return <RelationPicker multiple ariaLabel={ariaLabel} target={String(field.options?.target ?? '')} value={list} onChange={onChange} />;
  }
  const options = (field.options?.options ?? []).map((o) => ({ value: o.value, label: localize(o.label, i18n.language, o.value) }));
  const free = options.length === 0 || !!field.options?.free;
  return <Select aria-label={ariaLabel} mode={free ? 'tags' : 'multiple'} value={list} options={options}
    style={{ width: '100%' }} optionFilterProp="label" placeholder={free ? t('filter.typeValues') : t('form.choose')}
    onChange={(v: unknown[]) => onChange(NUMERIC.has(field.type) ? v.map(Number).filter(Number.isFinite) : v)} />;
}

/** The value editor an operator needs: nothing, one value, a list, a range or a named period. */
export function FilterValueInput({ field, op, value, onChange, ariaLabel }: ValueProps & { op: string }) {
  const { t } = useTranslation();
  switch (valueShape(field, op)) {
    case 'none':
      return null;
    case 'period':
      return <Select aria-label={ariaLabel} value={value ?? undefined} onChange={onChange} style={{ width: '100%' }}
        placeholder={t('form.choose')} showSearch optionFilterProp="label"
        options={RELATIVE_PERIODS.map((p) => ({ value: p, label: t(`filter.period.${p}`) }))} />;
    case 'list':
      return <ListValue field={field} value={value} onChange={onChange} ariaLabel={ariaLabel} />;
    case 'range': {
      const [from, to] = Array.isArray(value) ? value : [null, null];
      return (
        <Flex gap={6} align="center">
          <SingleValue field={field} value={from} ariaLabel={`${ariaLabel} ${t('filter.from')}`} onChange={(v) => onChange([v, to])} />
          <span style={{ color: '#9ca3af' }}>–</span>
          <SingleValue field={field} value={to} ariaLabel={`${ariaLabel} ${t('filter.to')}`} onChange={(v) => onChange([from, v])} />
        </Flex>
      );
    }
    default:
      return <SingleValue field={field} value={value} onChange={onChange} ariaLabel={ariaLabel} />;
  }
}
