import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../ui/brand-mark';
import { BRAND } from '../../app/theme';

const POINTS = ['brand.point1', 'brand.point2', 'brand.point3'] as const;

/** The left half of the desktop sign-in page: what Rapport is, for people arriving for the first time. */
export function BrandPanel() {
  const { t } = useTranslation();
  return (
    <aside style={{
      flex: '0 0 42%', maxWidth: 560, color: '#fff', padding: '48px 56px', display: 'flex',
      flexDirection: 'column', justifyContent: 'space-between', position: 'relative', overflow: 'hidden',
      background: `linear-gradient(155deg, ${BRAND.navy} 0%, ${BRAND.navyDeep} 70%)`,
    }}>
      <Rings />
      <BrandMark size={34} withName color="#fff" />
      <div style={{ position: 'relative' }}>
        <h1 style={{ fontSize: 30, fontWeight: 600, lineHeight: 1.35, margin: '0 0 12px' }}>{t('brand.headline')}</h1>
        <p style={{ fontSize: 15, color: 'rgba(255,255,255,0.7)', margin: '0 0 36px' }}>{t('app.tagline')}</p>
        <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 16 }}>
          {POINTS.map((key) => (
            <li key={key} style={{ display: 'flex', gap: 12, alignItems: 'baseline', fontSize: 15,
              color: 'rgba(255,255,255,0.88)' }}>
              <CheckCircleFilled style={{ color: '#7fa8ff' }} />
              <span>{t(key)}</span>
            </li>
          ))}
        </ul>
      </div>
      <div style={{ fontSize: 12, color: 'rgba(255,255,255,0.45)', position: 'relative' }}>
        © Rapport · AGPL-3.0
      </div>
    </aside>
  );
}

/** Faint concentric rings echo the logo and keep the panel from looking like a flat slab. */
function Rings() {
  return (
    <svg viewBox="0 0 400 400" aria-hidden="true" style={{
      position: 'absolute', right: -140, bottom: -120, width: 520, height: 520, opacity: 0.12,
    }}>
      {[60, 110, 160, 210].map((r) => (
        <circle key={r} cx="200" cy="200" r={r} fill="none" stroke="#9fc0ff" strokeWidth="1.5" />
      ))}
    </svg>
  );
}
