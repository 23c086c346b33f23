import { Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCOPES, type Scope } from './roles-api';

/** Colour per scope, from nothing (grey) to everything (deep blue), so a grid reads at a glance. */
export const TONE: Record<Scope, { bg: string; fg: string }> = {
  none: { bg: '#f1f3f7', fg: '#8a93a3' },
  own: { bg: '#e8f0ff', fg: '#2b5fd9' },
  subordinates: { bg: '#dce8ff', fg: '#2452c2' },
  department: { bg: '#cfe0ff', fg: '#1f48ab' },
  departmentTree: { bg: '#b9d0fb', fg: '#1a3d93' },
  all: { bg: '#2b5fd9', fg: '#ffffff' },
};

interface Props {
  /** The scope set on this cell, or undefined when it follows the default row. */
  value: Scope | undefined;
  /** What an unset cell falls back to; absent on the default row itself. */
  inherited?: Scope;
  label: string;
  onChange: (scope: Scope | '') => void;
}

/** One cell of the scope grid: a compact chip that opens the list of scopes. */
export function ScopeCell({ value, inherited, label, onChange }: Props) {
  const { t } = useTranslation();
  const shown = value ?? inherited ?? 'none';
  const follows = value === undefined && inherited !== undefined;
  const items = [
    ...(inherited !== undefined ? [{ key: '', label: t('settings.roles.inherit', { scope: t(`settings.scopes.${inherited}`) }) }] : []),
    ...SCOPES.map((s) => ({ key: s, label: t(`settings.scopes.${s}`) })),
  ];
  return (
    <Dropdown trigger={['click']} menu={{ items, selectable: true, selectedKeys: [value ?? ''], onClick: ({ key }) => onChange(key as Scope | '') }}>
      <button type="button" aria-label={`${label}: ${t(`settings.scopes.${shown}`)}${follows ? ` (${t('settings.roles.followsDefault')})` : ''}`}
        title={t(`settings.scopes.${shown}`)}
        style={{
          width: '100%', minWidth: 0, padding: '3px 6px', borderRadius: 6, cursor: 'pointer', font: 'inherit', fontSize: 12,
          lineHeight: '18px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis',
          background: follows ? 'transparent' : TONE[shown].bg, color: follows ? '#8a93a3' : TONE[shown].fg,
          border: follows ? '1px dashed #d5dbe5' : '1px solid transparent', fontStyle: follows ? 'italic' : 'normal',
        }}>
        {t(`settings.scopesShort.${shown}`)}
      </button>
    </Dropdown>
  );
}
