import type { CSSProperties } from 'react';
import { useState } from 'react';
import { Drawer, Menu } from 'antd';
import { AppstoreOutlined } from '@ant-design/icons';
import { localize } from '../../ui/localized-text';
import { useObjectSummaries } from '../../modules/records/records-api';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { activeNavKey, customNavKey, NAV_ITEMS } from './nav-items';

export const BOTTOM_NAV_HEIGHT = 58;

const tabStyle = (active: boolean): CSSProperties => ({
  flex: '1 1 0', minWidth: 0, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 2,
  background: 'none', border: 0, padding: '6px 0', font: 'inherit', fontSize: 11, cursor: 'pointer',
  color: active ? '#2b5fd9' : '#6b7280',
});

// Long English labels ("Opportunities") must not push the bar wider than a 320 px phone.
const labelStyle: CSSProperties = {
  maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', padding: '0 2px',
};

/** Phone navigation: four pinned modules within thumb reach, everything else behind "More". */
export function BottomNav() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [moreOpen, setMoreOpen] = useState(false);
  const custom = (useObjectSummaries().data ?? []).filter((o) => o.isCustom);
  const active = activeNavKey(pathname) || customNavKey(pathname, custom.map((o) => o.apiName));
  const pinned = NAV_ITEMS.filter((i) => i.pinned);
  const others = NAV_ITEMS.filter((i) => !i.pinned);
  const moreItems = [
    ...others.map((item) => ({ key: item.key as string, icon: item.icon, label: t(`nav.${item.key}`), path: item.path })),
    ...custom.map((o) => ({ key: `custom:${o.apiName}`, icon: <AppstoreOutlined />, label: localize(o.pluralLabel ?? o.label, i18n.language, o.apiName), path: `/${o.apiName}` })),
  ];
  const moreActive = moreItems.some((i) => i.key === active);

  return (
    <>
      <nav className="rp-bottom-nav" aria-label={t('nav.more')} style={{
        position: 'fixed', insetInline: 0, bottom: 0, zIndex: 100, display: 'flex', background: '#fff',
        borderTop: '1px solid #e8ecf3', minHeight: BOTTOM_NAV_HEIGHT,
      }}>
        {pinned.map((item) => (
          <button key={item.key} type="button" style={tabStyle(item.key === active)}
            aria-current={item.key === active ? 'page' : undefined} onClick={() => navigate(item.path)}>
            <span style={{ fontSize: 20, lineHeight: 1 }}>{item.icon}</span>
            <span style={labelStyle}>{t(`nav.${item.key}`)}</span>
          </button>
        ))}
        <button type="button" style={tabStyle(moreActive)} onClick={() => setMoreOpen(true)}>
          <span style={{ fontSize: 20, lineHeight: 1 }}><AppstoreOutlined /></span>
          <span style={labelStyle}>{t('nav.more')}</span>
        </button>
      </nav>
      <Drawer placement="bottom" open={moreOpen} onClose={() => setMoreOpen(false)} title={t('nav.more')}
        size={300} styles={{ body: { padding: '4px 0 16px' } }}>
        <Menu mode="inline" selectedKeys={active ? [active] : []} style={{ borderInlineEnd: 0 }}
          items={moreItems.map(({ key, icon, label }) => ({ key, icon, label }))}
          onClick={({ key }) => {
            setMoreOpen(false);
            navigate(moreItems.find((i) => i.key === key)?.path ?? '/');
          }} />
      </Drawer>
    </>
  );
}
