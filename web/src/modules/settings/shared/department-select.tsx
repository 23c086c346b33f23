import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentTree, type Department } from './settings-api';

interface Node { value: string; title: string; disabled?: boolean; children: Node[] }

function toNodes(list: Department[], exclude?: string): Node[] {
  // A department cannot move below itself: its whole branch is left out of the choices.
  return list.filter((d) => d.id !== exclude)
    .map((d) => ({ value: d.id, title: d.name, children: toNodes(d.children ?? [], exclude) }));
}

interface Props {
  value?: string | string[] | null;
  onChange?: (value: any) => void;
  multiple?: boolean;
  id?: string;
  /** Hides this department and everything under it (moving a department). */
  exclude?: string;
  allowClear?: boolean;
  placeholder?: string;
}

export function DepartmentSelect({ value, onChange, id, exclude, allowClear = true, placeholder, multiple }: Props) {
  const { t } = useTranslation();
  const tree = useDepartmentTree();
  return (
    <TreeSelect id={id} value={value ?? undefined} multiple={multiple} treeCheckStrictly={false}
      onChange={(v) => onChange?.(multiple ? (v ?? []) : ((v as string | undefined) ?? null))}
      treeData={toNodes(tree.data ?? [], exclude)} loading={tree.isPending} allowClear={allowClear} showSearch
      treeDefaultExpandAll treeNodeFilterProp="title" placeholder={placeholder ?? t('settings.users.pickDepartment')}
      style={{ width: '100%' }} notFoundContent={t('pickers.noMatch')} />
  );
}
