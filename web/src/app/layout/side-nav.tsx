import { Layout, Menu } from 'antd';
import { AppstoreOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../ui/brand-mark';
import { BRAND } from '../theme';
import { localize } from '../../ui/localized-text';
import { useObjectSummaries } from '../../modules/records/records-api';
import { activeNavKey, customNavKey, NAV_ITEMS } from './nav-items';

export const SIDER_WIDTH = 216;
export const SIDER_COLLAPSED_WIDTH = 64;

export function SideNav({ collapsed }: { collapsed: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const custom = (useObjectSummaries().data ?? []).filter((o) => o.isCustom);
  const active = activeNavKey(pathname) || customNavKey(pathname, custom.map((o) => o.apiName));
  const settings = NAV_ITEMS[NAV_ITEMS.length - 1];
  const items = [
    ...NAV_ITEMS.slice(0, -1).map((item) => ({ key: item.key, icon: item.icon, label: t(`nav.${item.key}`) })),
    ...custom.map((o) => ({ key: `custom:${o.apiName}`, icon: <AppstoreOutlined />, label: localize(o.pluralLabel ?? o.label, i18n.language, o.apiName) })),
    { key: settings.key, icon: settings.icon, label: t(`nav.${settings.key}`) },
  ];

  // The sider sticks to the window while the page scrolls; the strip behind it runs the full page height, so a
  // long page never shows the sider ending in mid-air.
  return (
    <div style={{ background: BRAND.navyDeep, flex: 'none' }}>
      <Layout.Sider width={SIDER_WIDTH} collapsedWidth={SIDER_COLLAPSED_WIDTH} collapsed={collapsed} trigger={null}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', color: '#fff',
          padding: collapsed ? '0 18px' : '0 22px', transition: 'padding 0.2s' }}>
          <BrandMark size={28} withName={!collapsed} color="#fff" />
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={active ? [active] : []} style={{ borderInlineEnd: 0, marginTop: 8 }}
          onClick={({ key }) => navigate(key.startsWith('custom:') ? `/${key.slice(7)}` : NAV_ITEMS.find((i) => i.key === key)?.path ?? '/')}
          items={items} />
      </Layout.Sider>
    </div>
  );
}
