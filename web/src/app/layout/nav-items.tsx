import type { ReactNode } from 'react';
import {
  AimOutlined, AuditOutlined, BankOutlined, CarryOutOutlined, CommentOutlined, FileTextOutlined, FundProjectionScreenOutlined,
  HomeOutlined, InboxOutlined, RiseOutlined, SettingOutlined, ShoppingOutlined, TeamOutlined, TrophyOutlined,
} from '@ant-design/icons';

export type NavKey =
  | 'home' | 'accounts' | 'contacts' | 'leads' | 'opportunities' | 'activities' | 'tasks' | 'settings' | 'board' | 'pools'
  | 'quotes' | 'contracts' | 'products' | 'targets';

export interface NavItem {
  key: NavKey;
  path: string;
  icon: ReactNode;
  /** Shown in the phone's bottom bar; the rest sit behind "More". */
  pinned?: boolean;
}

// Keys double as the record API names, so `/accounts` is both the route and GET /api/v1/accounts.
export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, pinned: true },
  { key: 'accounts', path: '/accounts', icon: <BankOutlined />, pinned: true },
  { key: 'contacts', path: '/contacts', icon: <TeamOutlined /> },
  { key: 'leads', path: '/leads', icon: <AimOutlined /> },
  { key: 'opportunities', path: '/opportunities', icon: <RiseOutlined />, pinned: true },
  { key: 'board', path: '/sales/board', icon: <FundProjectionScreenOutlined /> },
  { key: 'pools', path: '/sales/pools', icon: <InboxOutlined /> },
  { key: 'quotes', path: '/quotes', icon: <FileTextOutlined /> },
  { key: 'contracts', path: '/contracts', icon: <AuditOutlined /> },
  { key: 'products', path: '/products', icon: <ShoppingOutlined /> },
  { key: 'targets', path: '/targets', icon: <TrophyOutlined /> },
  { key: 'activities', path: '/activities', icon: <CommentOutlined /> },
  { key: 'tasks', path: '/tasks', icon: <CarryOutOutlined />, pinned: true },
  { key: 'settings', path: '/settings', icon: <SettingOutlined /> },
];

/**
 * Custom objects made in the designer join the menu after the built-in modules, each at /{apiName}.
 * Returns the active key for them too, so their list and records light up their entry.
 */
export function customNavKey(pathname: string, customObjects: string[]): string {
  const first = pathname.split('/')[1] ?? '';
  return customObjects.includes(first) ? `custom:${first}` : '';
}

/** Screens under /sales/ that belong to another entry: a quote's editor lights up Quotes, a contract's finances Contracts. */
const SALES_PARENTS: Record<string, NavKey> = { board: 'board', pools: 'pools', quotes: 'quotes', contracts: 'contracts' };

/** The nav entry a path belongs to; '' for paths outside the menu (e.g. a custom object). */
export function activeNavKey(pathname: string): NavKey | '' {
  const [, first = '', second = ''] = pathname.split('/');
  if (first === '') return 'home';
  if (first === 'sales') return SALES_PARENTS[second] ?? '';
  return NAV_ITEMS.find((item) => item.key === first)?.key ?? '';
}
