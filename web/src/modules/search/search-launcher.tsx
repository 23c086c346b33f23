import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GlobalSearch } from './global-search';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The header's search entry and the Ctrl/⌘-K shortcut that opens it from anywhere. */
export function SearchLauncher({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      {compact ? (
        <Button type="text" icon={<SearchOutlined />} aria-label={t('search.title')} onClick={() => setOpen(true)}
          style={{ width: 44, height: 44 }} />
      ) : (
        <Button onClick={() => setOpen(true)} icon={<SearchOutlined />} aria-label={t('search.title')}
          style={{ width: 280, justifyContent: 'flex-start', color: '#9ca3af' }}>
          <span style={{ flex: 1, textAlign: 'start' }}>{t('search.button')}</span>
          <kbd style={{ fontSize: 11, color: '#6b7280', border: '1px solid #e5e7eb', borderRadius: 4, padding: '0 5px' }}>
            {isMac ? '⌘K' : 'Ctrl K'}
          </kbd>
        </Button>
      )}
      <GlobalSearch open={open} onClose={() => setOpen(false)} />
    </>
  );
}
