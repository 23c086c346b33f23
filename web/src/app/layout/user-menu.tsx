import { Avatar, Dropdown, Flex, Typography, type MenuProps } from 'antd';
import { CheckOutlined, DownOutlined, GlobalOutlined, LogoutOutlined, SafetyOutlined, SettingOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../api';
import { useAuth, useCurrentUser } from '../auth-context';
import { LOCALES, setLocale, type Locale } from '../i18n';

/** Initial for the avatar; Chinese names read naturally by their surname character too. */
function initial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toUpperCase() : '?';
}

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const { signOut } = useAuth();
  const user = useCurrentUser();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      key: 'me',
      disabled: true,
      style: { cursor: 'default' },
      label: (
        <Flex vertical style={{ padding: '2px 0', maxWidth: 240 }}>
          <Typography.Text strong ellipsis>{user.name}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>{user.email}</Typography.Text>
        </Flex>
      ),
    },
    { type: 'divider' },
    { key: 'profile', icon: <SafetyOutlined />, label: t('settings.nav.profile') },
    { key: 'settings', icon: <SettingOutlined />, label: t('nav.settings') },
    {
      key: 'language',
      icon: <GlobalOutlined />,
      label: t('language.label'),
      children: LOCALES.map((locale) => ({
        key: `lang:${locale}`,
        label: t(`language.${locale}`),
        extra: i18n.language === locale ? <CheckOutlined /> : undefined,
      })),
    },
    { type: 'divider' },
    { key: 'signOut', icon: <LogoutOutlined />, danger: true, label: t('auth.signOut') },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'signOut') void signOut();
    else if (key === 'profile') navigate('/settings/profile');
    else if (key === 'settings') navigate('/settings');
    else if (key.startsWith('lang:')) {
      const locale = key.slice(5) as Locale;
      void setLocale(locale);
      // Remembered in the profile too, so reminders and e-mails follow; the switch itself never waits on it.
      apiFetch('/me/profile', { method: 'PATCH', body: { locale } }).catch(() => undefined);
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <button type="button" aria-label={user.name} style={{
        display: 'flex', alignItems: 'center', gap: 8, background: 'none', border: 0, cursor: 'pointer',
        padding: '4px 6px', borderRadius: 6, font: 'inherit', color: 'inherit',
      }}>
        <Avatar size={30} style={{ background: '#2b5fd9', flex: 'none' }}>{initial(user.name || user.email)}</Avatar>
        {!compact && (
          <>
            <span style={{ maxWidth: 160, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {user.name}
            </span>
            <DownOutlined style={{ fontSize: 10, color: '#9ca3af' }} />
          </>
        )}
      </button>
    </Dropdown>
  );
}
