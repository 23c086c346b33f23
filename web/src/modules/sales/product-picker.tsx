import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../ui/use-debounced';
import { fetchList, type RecordRow } from '../records/records-api';

interface ProductPickerProps {
  value: string | null;
  label?: string;
  onPick: (product: RecordRow | null) => void;
  size?: 'small' | 'middle' | 'large';
}

/** Products searched on the server as the person types; picking one hands back its price, unit and tax. */
export function ProductPicker({ value, label, onPick, size }: ProductPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(search.trim(), 250);
  const results = useQuery({
    queryKey: ['records', 'products', 'picker', 'priced', q],
    queryFn: ({ signal }) => fetchList('products', { q, limit: 20, fields: 'name,code,price,unit,taxRate' }, signal).then((p) => p.data),
    enabled: open,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const found = (results.data ?? []).map((r) => ({
      value: r.id, label: r.code ? `${String(r.name ?? '')} · ${String(r.code)}` : String(r.name ?? r.id),
    }));
    if (value && !found.some((o) => o.value === value)) found.unshift({ value, label: label ?? value });
    return found;
  }, [results.data, value, label]);
  return (
    <Select value={value ?? undefined} showSearch allowClear filterOption={false} onSearch={setSearch}
      onOpenChange={setOpen} loading={results.isFetching} options={options} size={size}
      style={{ width: '100%' }} placeholder={t('sales.quote.pickProduct')} aria-label={t('sales.quote.product')}
      notFoundContent={results.isFetching ? t('common.loading') : t('pickers.noMatch')}
      onChange={(id: string | undefined) => onPick(id ? results.data?.find((r) => r.id === id) ?? null : null)} />
  );
}
