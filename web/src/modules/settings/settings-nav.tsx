import type { ReactNode } from 'react';
import {
  ApartmentOutlined, ApiOutlined, AppstoreAddOutlined, FieldNumberOutlined, FunnelPlotOutlined, InboxOutlined,
  KeyOutlined, SafetyCertificateOutlined, TeamOutlined, UserOutlined,
} from '@ant-design/icons';

export type SettingsKey =
  | 'profile' | 'apiKeys' | 'users' | 'departments' | 'roles' | 'objects' | 'pipelines' | 'pools' | 'numbering' | 'webhooks';
export type SettingsGroup = 'personal' | 'organisation' | 'customisation' | 'integration';

export interface SettingsEntry {
  key: SettingsKey;
  /** Under /settings/. */
  path: string;
  icon: ReactNode;
  group: SettingsGroup;
  adminOnly?: boolean;
}

export const SETTINGS_GROUPS: SettingsGroup[] = ['personal', 'organisation', 'customisation', 'integration'];

export const SETTINGS_ENTRIES: SettingsEntry[] = [
  { key: 'profile', path: 'profile', icon: <UserOutlined />, group: 'personal' },
  { key: 'apiKeys', path: 'api-keys', icon: <KeyOutlined />, group: 'personal' },
  { key: 'users', path: 'users', icon: <TeamOutlined />, group: 'organisation', adminOnly: true },
  { key: 'departments', path: 'departments', icon: <ApartmentOutlined />, group: 'organisation', adminOnly: true },
  { key: 'roles', path: 'roles', icon: <SafetyCertificateOutlined />, group: 'organisation', adminOnly: true },
  { key: 'objects', path: 'objects', icon: <AppstoreAddOutlined />, group: 'customisation', adminOnly: true },
  { key: 'pipelines', path: 'pipelines', icon: <FunnelPlotOutlined />, group: 'customisation', adminOnly: true },
  { key: 'pools', path: 'pools', icon: <InboxOutlined />, group: 'customisation', adminOnly: true },
  { key: 'numbering', path: 'numbering', icon: <FieldNumberOutlined />, group: 'customisation', adminOnly: true },
  { key: 'webhooks', path: 'webhooks', icon: <ApiOutlined />, group: 'integration', adminOnly: true },
];

export function visibleEntries(isAdmin: boolean): SettingsEntry[] {
  return SETTINGS_ENTRIES.filter((e) => isAdmin || !e.adminOnly);
}

/** The entry a /settings/… path belongs to (sub-pages such as /settings/roles/:id light up their parent). */
export function activeEntry(pathname: string): SettingsEntry | undefined {
  const first = pathname.replace(/^\/settings\/?/, '').split('/')[0];
  return SETTINGS_ENTRIES.find((e) => e.path === first);
}
