import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import type { FieldMeta } from '../records-api';

interface ColumnChooserProps {
  /** Every field that may be a column. */
  fields: FieldMeta[];
  /** Shown columns, in order (name included). */
  value: string[];
  onChange: (columns: string[] | null) => void;
}

/** Tick the columns to show and move them up or down; the name column always stays first. */
export function ColumnChooser({ fields, value, onChange }: ColumnChooserProps) {
  const { t, i18n } = useTranslation();
  const shown = value.filter((n) => n !== 'name');
  const hidden = fields.filter((f) => f.apiName !== 'name' && !shown.includes(f.apiName));
  const byName = new Map(fields.map((f) => [f.apiName, f]));
  const label = (name: string) => localize(byName.get(name)?.label, i18n.language, name);
  const set = (next: string[]) => onChange(['name', ...next]);
  const move = (i: number, delta: number) => {
    const next = [...shown];
    const [item] = next.splice(i, 1);
    next.splice(i + delta, 0, item);
    set(next);
  };

  const content = (
    <Flex vertical gap={2} style={{ width: 280, maxHeight: 420, overflowY: 'auto' }}>
      <Checkbox checked disabled style={{ padding: '4px 0' }}>{label('name')}</Checkbox>
      {shown.map((name, i) => (
        <Flex key={name} align="center" justify="space-between">
          <Checkbox checked onChange={() => set(shown.filter((n) => n !== name))} style={{ padding: '4px 0' }}>
            {label(name)}
          </Checkbox>
          <span>
            <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)}
              aria-label={t('columns.moveUp', { field: label(name) })} />
            <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === shown.length - 1}
              onClick={() => move(i, 1)} aria-label={t('columns.moveDown', { field: label(name) })} />
          </span>
        </Flex>
      ))}
      {hidden.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12, marginTop: 8 }}>{t('columns.more')}</Typography.Text>}
      {hidden.map((f) => (
        <Checkbox key={f.apiName} checked={false} onChange={() => set([...shown, f.apiName])} style={{ padding: '4px 0' }}>
          {label(f.apiName)}
        </Checkbox>
      ))}
      <Button type="link" size="small" onClick={() => onChange(null)} style={{ alignSelf: 'flex-start', paddingInline: 0 }}>
        {t('columns.reset')}
      </Button>
    </Flex>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title={t('columns.title')} content={content}>
      <Button icon={<SettingOutlined />}>{t('columns.title')}</Button>
    </Popover>
  );
}
