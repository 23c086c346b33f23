import { useEffect, useState } from 'react';
import { Alert, Empty, Flex, Input, Modal, Spin, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { localize } from '../../ui/localized-text';
import { useDebounced } from '../../ui/use-debounced';
import { useIsMobile } from '../../ui/use-is-mobile';
import { useObjectSummaries } from '../records/records-api';
import { useGlobalSearch, type SearchHit } from './search-api';

interface GlobalSearchProps {
  open: boolean;
  onClose: () => void;
}

/** Find any record by name, phone or e-mail from anywhere (Ctrl/⌘-K); arrows and Enter open it. */
export function GlobalSearch({ open, onClose }: GlobalSearchProps) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 200);
  const result = useGlobalSearch(q);
  const objects = useObjectSummaries();
  const hits = q ? result.data?.hits ?? [] : [];

  useEffect(() => setActive(0), [q]);
  useEffect(() => { if (!open) setText(''); }, [open]);

  const label = (hit: SearchHit) => {
    const summary = objects.data?.find((o) => o.apiName === hit.object);
    return summary ? localize(summary.label, i18n.language, hit.object) : hit.objectLabel ?? hit.object;
  };
  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onClose();
    navigate(`/${hit.object}/${hit.id}`);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((i) => Math.min(i + 1, hits.length - 1)); }
    if (e.key === 'ArrowUp') { e.preventDefault(); setActive((i) => Math.max(i - 1, 0)); }
    if (e.key === 'Enter') go(hits[active]);
  };

  return (
    <Modal open={open} onCancel={onClose} footer={null} closable={false} destroyOnHidden width={isMobile ? '100%' : 640}
      style={{ top: isMobile ? 0 : 80, maxWidth: isMobile ? '100vw' : undefined, margin: isMobile ? 0 : undefined }}
      styles={{ body: { padding: 0 } }} title={null} aria-label={t('search.title')}>
      <Input autoFocus size="large" variant="borderless" prefix={<SearchOutlined />} value={text} maxLength={200}
        onChange={(e) => setText(e.target.value)} onKeyDown={onKeyDown} placeholder={t('search.placeholder')}
        aria-label={t('search.title')} role="combobox" aria-expanded={hits.length > 0} aria-controls="rp-search-results"
        style={{ padding: '12px 4px', borderBottom: '1px solid #eef1f6' }} />
      <div style={{ maxHeight: isMobile ? 'calc(100vh - 140px)' : 420, overflowY: 'auto', padding: 8 }}>
        {result.data?.mode === 'fallback' && q && (
          <Alert type="info" showIcon title={t('search.fallback')} style={{ margin: '4px 4px 8px' }} />
        )}
        {result.error && <Alert type="error" showIcon title={errorMessage(result.error)} />}
        {!q && <Typography.Text type="secondary" style={{ display: 'block', padding: 12 }}>{t('search.hint')}</Typography.Text>}
        {q && result.isFetching && hits.length === 0 && <Flex justify="center" style={{ padding: 24 }}><Spin /></Flex>}
        {q && !result.isFetching && hits.length === 0 && !result.error && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.noResults', { q })} />
        )}
        <div id="rp-search-results" role="listbox">
          {hits.map((hit, i) => (
            <div key={`${hit.object}:${hit.id}`} role="option" aria-selected={i === active} onMouseEnter={() => setActive(i)}
              onClick={() => go(hit)} style={{
                display: 'flex', alignItems: 'center', gap: 10, padding: '10px 12px', borderRadius: 6, cursor: 'pointer',
                background: i === active ? '#eef3fd' : undefined, minHeight: 44,
              }}>
              <Tag bordered={false} style={{ flex: 'none', marginInlineEnd: 0 }}>{label(hit)}</Tag>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{hit.name}</span>
            </div>
          ))}
        </div>
      </div>
    </Modal>
  );
}
