import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FieldMeta, RecordRow } from '../records-api';
import {
  addressText, formatDate, formatDateTime, formatNumber, isEmptyValue, optionLabel, safeHref,
} from './format';
import { formatMoney } from '../../../ui/money-format';
import { configLink, configSource, useConfigItems } from './config-refs';
import { SYSTEM_USER_ID, useDepartments, useRecordName, useUserName } from './ref-names';

export const EMPTY = <span style={{ color: '#b0b7c3' }}>—</span>;

/** A linked record by name, opening its page; the short id only while the name loads or is hidden. */
export function RecordLink({ object, id, stopPropagation }: { object?: string; id: unknown; stopPropagation?: boolean }) {
  const name = useRecordName(object, id);
  if (typeof id !== 'string' || !object) return EMPTY;
  const label = name.data ?? (name.isPending ? '…' : `#${id.slice(-6)}`);
  return (
    <Link to={`/${object}/${id}`} onClick={stopPropagation ? (e) => e.stopPropagation() : undefined}>{label}</Link>
  );
}

export function UserName({ id }: { id: unknown }) {
  const { t } = useTranslation();
  const name = useUserName(id);
  if (typeof id !== 'string') return EMPTY;
  // Reclaim jobs, imports and the demo data act as the system, which is nobody's colleague.
  if (id === SYSTEM_USER_ID) return <>{t('common.system')}</>;
  return <>{name ?? '…'}</>;
}

/** A pool or pipeline by name; a removed one shows as such rather than as its id. */
function ConfigName({ source, id }: { source: string; id: unknown }) {
  const { t } = useTranslation();
  const items = useConfigItems(source);
  if (typeof id !== 'string') return EMPTY;
  if (items.isPending) return <>…</>;
  const item = items.data?.find((i) => i.id === id);
  if (!item) return <Typography.Text type="secondary">{t('common.removed')}</Typography.Text>;
  const href = configLink(source, id);
  return href ? <Link to={href}>{item.name}</Link> : <>{item.name}</>;
}

function DepartmentName({ id }: { id: unknown }) {
  const departments = useDepartments();
  const name = departments.data?.find((d) => d.id === id)?.name;
  return <>{name ?? '…'}</>;
}

interface FieldValueProps {
  field: FieldMeta;
  record: RecordRow;
  /** Inside clickable rows, links must not also trigger the row. */
  inRow?: boolean;
}

export function FieldValue({ field, record, inRow }: FieldValueProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const value = record[field.apiName];
  if (isEmptyValue(value)) return EMPTY;
  const stop = inRow ? (e: React.MouseEvent) => e.stopPropagation() : undefined;
  const source = configSource(field);
  if (source) return <ConfigName source={source} id={value} />;

  switch (field.type) {
    case 'boolean':
      return <>{value ? t('common.yes') : t('common.no')}</>;
    case 'select':
      return <>{optionLabel(field, value, lang)}</>;
    case 'multiSelect':
      return (
        <>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <Tag key={String(v)} bordered={false}>{optionLabel(field, v, lang)}</Tag>
          ))}
        </>
      );
    case 'number':
    case 'formula':
      return <>{formatNumber(value, lang)}</>;
    case 'currency': {
      const currency = typeof record.currency === 'string' && /^[A-Z]{3}$/.test(record.currency) ? record.currency : 'CNY';
      return <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(value, currency, lang)}</span>;
    }
    case 'percent':
      return <>{formatNumber(value, lang, { maximumFractionDigits: 2 })}%</>;
    case 'datetime':
      return <>{formatDateTime(String(value), lang)}</>;
    case 'date':
      return <>{formatDate(String(value), lang)}</>;
    case 'email':
      return <a href={`mailto:${String(value)}`} onClick={stop}>{String(value)}</a>;
    case 'phone':
      return <a href={`tel:${String(value).replace(/[^\d+]/g, '')}`} onClick={stop}>{String(value)}</a>;
    case 'url': {
      const href = safeHref(String(value));
      return href ? <a href={href} target="_blank" rel="noopener noreferrer" onClick={stop}>{String(value)}</a> : <>{String(value)}</>;
    }
    case 'relation':
      return <RecordLink object={field.options?.target} id={value} stopPropagation={inRow} />;
    case 'user':
      return <UserName id={value} />;
    case 'department':
      return <DepartmentName id={value} />;
    case 'address':
      return <>{addressText(value)}</>;
    case 'longText':
    case 'richText':
      return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
    default:
      return typeof value === 'object'
        ? <Typography.Text type="secondary">{JSON.stringify(value)}</Typography.Text>
        : <>{String(value)}</>;
  }
}
