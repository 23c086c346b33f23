import { useMemo, useState } from 'react';
import { Select, TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../ui/use-debounced';
import { fetchList } from '../records-api';
import { useDepartments, useRecordName, useUsers, type DepartmentSummary } from './ref-names';

interface PickerProps<V> {
  value?: V;
  onChange?: (value: V) => void;
  multiple?: boolean;
  disabled?: boolean;
  placeholder?: string;
  size?: 'large' | 'middle' | 'small';
  id?: string;
  status?: 'error' | 'warning' | '';
  /** Accessible name when no visible label points at the control (filter rows, bulk dialogs). */
  ariaLabel?: string;
}

type Ids = string | string[] | null;

/** Colleagues by name; people who left stay visible on old values but cannot be picked again. */
export function UserPicker({ multiple, ariaLabel, ...props }: PickerProps<Ids>) {
  const { t } = useTranslation();
  const users = useUsers();
  const options = (users.data ?? [])
    .filter((u) => u.status !== 'inactive' || (Array.isArray(props.value) ? props.value.includes(u.id) : props.value === u.id))
    .map((u) => ({ value: u.id, label: u.name, disabled: u.status === 'inactive' }));
  return (
    <Select {...props} aria-label={ariaLabel} mode={multiple ? 'multiple' : undefined} allowClear showSearch
      loading={users.isPending} options={options} optionFilterProp="label" style={{ width: '100%' }}
      placeholder={props.placeholder ?? t('pickers.user')} notFoundContent={t('pickers.noMatch')} />
  );
}

function NameLabel({ object, id }: { object: string; id: string }) {
  const name = useRecordName(object, id);
  return <>{name.data ?? (name.isPending ? '…' : `#${id.slice(-6)}`)}</>;
}

/** Records of the target object, searched on the server as the person types. */
export function RelationPicker({ target, multiple, ariaLabel, ...props }: PickerProps<Ids> & { target: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const [open, setOpen] = useState(false);
  const results = useQuery({
    queryKey: ['records', target, 'picker', q],
    queryFn: ({ signal }) => fetchList(target, { q, limit: 20, fields: 'name' }, signal).then((p) => p.data),
    enabled: open,
    staleTime: 30_000,
  });
  const selected = props.value == null ? [] : Array.isArray(props.value) ? props.value : [props.value];
  const options = useMemo(() => {
    const found = (results.data ?? []).map((r) => ({ value: r.id, label: <>{r.name ?? r.id}</> }));
    const missing = selected.filter((id) => !found.some((o) => o.value === id))
      .map((id) => ({ value: id, label: <NameLabel object={target} id={id} /> }));
    return [...missing, ...found];
  }, [results.data, selected, target]);
  return (
    <Select {...props} aria-label={ariaLabel} mode={multiple ? 'multiple' : undefined} allowClear showSearch
      filterOption={false} onSearch={setSearch} onOpenChange={setOpen} loading={results.isFetching}
      options={options} style={{ width: '100%' }} placeholder={props.placeholder ?? t('pickers.record')}
      notFoundContent={results.isFetching ? t('common.loading') : t('pickers.noMatch')} />
  );
}

interface TreeNode { value: string; title: string; children: TreeNode[] }

function toTree(list: DepartmentSummary[]): TreeNode[] {
  const nodes = new Map(list.map((d) => [d.id, { value: d.id, title: d.name, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const d of list) {
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(d.id)!);
  }
  return roots;
}

export function DepartmentPicker({ multiple, ariaLabel, ...props }: PickerProps<Ids>) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const tree = useMemo(() => toTree(departments.data ?? []), [departments.data]);
  return (
    <TreeSelect {...props} aria-label={ariaLabel} multiple={multiple} allowClear showSearch treeDefaultExpandAll
      treeData={tree} treeNodeFilterProp="title" loading={departments.isPending} style={{ width: '100%' }}
      placeholder={props.placeholder ?? t('pickers.department')} />
  );
}
