import { lazy, Suspense, type ReactNode } from 'react';
import { Card, Menu, Result, Skeleton } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth-context';
import { useIsMobile } from '../../ui/use-is-mobile';
import { activeEntry, SETTINGS_GROUPS, visibleEntries } from './settings-nav';
import { SettingsIndex } from './settings-index';

// Every screen is its own chunk: a rep opening their profile never downloads the role grid or the field designer.
const ProfilePage = lazy(() => import('./profile/profile-page'));
const ApiKeysPage = lazy(() => import('./api-keys/api-keys-page'));
const UsersPage = lazy(() => import('./users/users-page'));
const DepartmentsPage = lazy(() => import('./departments/departments-page'));
const RolesPage = lazy(() => import('./roles/roles-page'));
const RoleEditorPage = lazy(() => import('./roles/role-editor-page'));
const ObjectsPage = lazy(() => import('./objects/objects-page'));
const ObjectFieldsPage = lazy(() => import('./objects/object-fields-page'));
const WebhooksPage = lazy(() => import('./webhooks/webhooks-page'));
const WebhookDeliveriesPage = lazy(() => import('./webhooks/webhook-deliveries-page'));
const PipelinesPage = lazy(() => import('./sales/pipelines-page'));
const PoolsPage = lazy(() => import('./sales/pools-page'));
const NumberingPage = lazy(() => import('./sales/numbering-page'));

const MENU_WIDTH = 232;

function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!user.isAdmin) return <Result status="403" title="403" subTitle={t('settings.common.adminOnly')} />;
  return <>{children}</>;
}

function SettingsMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const user = useCurrentUser();
  const entries = visibleEntries(!!user.isAdmin);
  const active = activeEntry(pathname);
  const items = SETTINGS_GROUPS.map((group) => ({
    type: 'group' as const,
    key: group,
    label: t(`settings.groups.${group}`),
    children: entries.filter((e) => e.group === group)
      .map((e) => ({ key: e.key, icon: e.icon, label: t(`settings.nav.${e.key}`) })),
  })).filter((g) => g.children.length > 0);
  return (
    <Card size="small" styles={{ body: { padding: '6px 0' } }}
      style={{ width: MENU_WIDTH, flex: 'none', position: 'sticky', top: 80, alignSelf: 'flex-start' }}>
      <Menu mode="inline" items={items} selectedKeys={active ? [active.key] : []} style={{ borderInlineEnd: 0 }}
        aria-label={t('settings.title')}
        onClick={({ key }) => navigate(`/settings/${entries.find((e) => e.key === key)?.path ?? ''}`)} />
    </Card>
  );
}

function SettingsRoutes() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const admin = (node: ReactNode) => <AdminOnly>{node}</AdminOnly>;
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
      <Routes>
        <Route index element={isMobile ? <SettingsIndex /> : <Navigate to="profile" replace />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="api-keys" element={<ApiKeysPage />} />
        <Route path="users" element={admin(<UsersPage />)} />
        <Route path="departments" element={admin(<DepartmentsPage />)} />
        <Route path="roles" element={admin(<RolesPage />)} />
        <Route path="roles/:id" element={admin(<RoleEditorPage />)} />
        <Route path="objects" element={admin(<ObjectsPage />)} />
        <Route path="objects/:object" element={admin(<ObjectFieldsPage />)} />
        <Route path="pipelines" element={admin(<PipelinesPage />)} />
        <Route path="pools" element={admin(<PoolsPage />)} />
        <Route path="numbering" element={admin(<NumberingPage />)} />
        <Route path="webhooks" element={admin(<WebhooksPage />)} />
        <Route path="webhooks/:id" element={admin(<WebhookDeliveriesPage />)} />
        <Route path="*" element={<Result status="404" title="404" subTitle={t('errors.pageNotFound')} />} />
      </Routes>
    </Suspense>
  );
}

/** /settings/*: a left menu beside the screen on desktop; on a phone the entry list, then one screen at a time. */
export default function SettingsPage() {
  const isMobile = useIsMobile();
  if (isMobile) return <SettingsRoutes />;
  return (
    <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
      <SettingsMenu />
      <div style={{ flex: 1, minWidth: 0 }}>
        <SettingsRoutes />
      </div>
    </div>
  );
}
