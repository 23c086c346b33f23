import { lazy, Suspense, useState } from 'react';
import { Button, Layout, Skeleton } from 'antd';
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotificationBell } from '../../modules/notifications/notification-bell';
import { SearchLauncher } from '../../modules/search/search-launcher';
import { BrandMark } from '../../ui/brand-mark';
import { useDayjsLocale } from '../../ui/use-dayjs-locale';
import { useIsMobile } from '../../ui/use-is-mobile';
import { BRAND } from '../theme';
import { BOTTOM_NAV_HEIGHT, BottomNav } from './bottom-nav';
import { ShellProviders } from './shell-providers';
import { SideNav } from './side-nav';
import { UserMenu } from './user-menu';

const HomePage = lazy(() => import('../../modules/home/home-page'));
const ObjectListPage = lazy(() => import('../../modules/records/list/object-list-page'));
const RecordDetailPage = lazy(() => import('../../modules/records/detail/record-detail-page'));
const SettingsPage = lazy(() => import('../../modules/settings/settings-page'));
const SalesRoutes = lazy(() => import('../../modules/sales/sales-routes'));
const NotFoundPage = lazy(() => import('./not-found-page'));

const COLLAPSE_KEY = 'rapport.sider.collapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSE_KEY) === '1';
  } catch {
    return false;
  }
}

function Pages() {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="settings/*" element={<SettingsPage />} />
        <Route path="sales/*" element={<SalesRoutes />} />
        <Route path=":object" element={<ObjectListPage />} />
        <Route path=":object/:id" element={<RecordDetailPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}

const headerStyle = {
  position: 'sticky', top: 0, zIndex: 10, display: 'flex', alignItems: 'center', justifyContent: 'space-between',
  borderBottom: '1px solid #e8ecf3',
} as const;

function MobileShell() {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ ...headerStyle, padding: '0 12px 0 16px' }}>
        <BrandMark size={26} withName color={BRAND.navy} />
        <span style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
          <SearchLauncher compact />
          <NotificationBell compact />
          <UserMenu compact />
        </span>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, paddingBottom: BOTTOM_NAV_HEIGHT + 16 }}>
        <Pages />
      </Layout.Content>
      <BottomNav />
    </Layout>
  );
}

function DesktopShell() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(readCollapsed);

  function toggle() {
    setCollapsed((c) => {
      try {
        localStorage.setItem(COLLAPSE_KEY, c ? '0' : '1');
      } catch {
        // Remembering the choice is a nicety, not a requirement.
      }
      return !c;
    });
  }

  return (
    <Layout hasSider style={{ minHeight: '100vh' }}>
      <SideNav collapsed={collapsed} />
      <Layout>
        <Layout.Header style={headerStyle}>
          <span style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
            <Button type="text" onClick={toggle} aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} />
            <SearchLauncher />
          </span>
          <span style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <NotificationBell />
            <UserMenu />
          </span>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, maxWidth: 1440, width: '100%', margin: '0 auto' }}>
          <Pages />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export default function AppShell() {
  const isMobile = useIsMobile();
  useDayjsLocale();
  return <ShellProviders>{isMobile ? <MobileShell /> : <DesktopShell />}</ShellProviders>;
}
