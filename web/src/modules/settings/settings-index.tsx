import { Card, Flex, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth-context';
import { SETTINGS_GROUPS, visibleEntries } from './settings-nav';

/** The phone's settings home: entries grouped like the desktop menu, each with a line saying what it is for. */
export function SettingsIndex() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const entries = visibleEntries(!!user.isAdmin);
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0, fontSize: 20 }}>{t('settings.title')}</Typography.Title>
        <Typography.Text type="secondary">{user.name} · {user.email}</Typography.Text>
      </div>
      {SETTINGS_GROUPS.map((group) => {
        const list = entries.filter((e) => e.group === group);
        if (list.length === 0) return null;
        return (
          <section key={group} aria-label={t(`settings.groups.${group}`)}>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', margin: '0 4px 6px' }}>
              {t(`settings.groups.${group}`)}
            </Typography.Text>
            <Card size="small" styles={{ body: { padding: 0 } }}>
              {list.map((e, i) => (
                <button key={e.key} type="button" onClick={() => navigate(`/settings/${e.path}`)} style={{
                  display: 'flex', alignItems: 'center', gap: 12, width: '100%', padding: '12px 14px', background: 'none',
                  border: 0, borderTop: i ? '1px solid #eef1f6' : 0, font: 'inherit', textAlign: 'start', cursor: 'pointer',
                }}>
                  <span style={{ fontSize: 18, color: '#2b5fd9', flex: 'none' }}>{e.icon}</span>
                  <span style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text strong style={{ display: 'block' }}>{t(`settings.nav.${e.key}`)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`settings.hints.${e.key}`)}</Typography.Text>
                  </span>
                  <RightOutlined style={{ color: '#9ca3af', fontSize: 12 }} />
                </button>
              ))}
            </Card>
          </section>
        );
      })}
    </Flex>
  );
}
