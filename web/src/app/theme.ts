import type { ThemeConfig } from 'antd';
import { HEADER_HEIGHT } from '../ui/layout-sizes';

/** Brand colours shared by the theme, the PWA manifest and the sign-in panel. */
export const BRAND = {
  primary: '#2b5fd9',
  navy: '#14284f',
  navyDeep: '#0e1d3b',
  canvas: '#f3f5f9',
} as const;

// Keep in step with global.css. Fonts listed so Chinese text renders in the platform's own UI face (PingFang on Apple, YaHei on Windows)
// rather than falling back to a serif Song face.
const FONT_FAMILY = [
  '-apple-system', 'BlinkMacSystemFont', "'Segoe UI'", "'PingFang SC'", "'Hiragino Sans GB'",
  "'Microsoft YaHei'", "'Noto Sans CJK SC'", "'WenQuanYi Micro Hei'", "'Helvetica Neue'", 'Arial', 'sans-serif',
].join(', ');

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.primary,
    colorInfo: BRAND.primary,
    colorSuccess: '#2f9e6e',
    colorWarning: '#d98a1c',
    colorError: '#d64545',
    colorBgLayout: BRAND.canvas,
    colorTextBase: '#1f2937',
    colorBorderSecondary: '#e8ecf3',
    borderRadius: 6,
    borderRadiusLG: 10,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    controlHeight: 34,
    wireframe: false,
  },
  components: {
    Layout: {
      siderBg: BRAND.navyDeep,
      headerBg: '#ffffff',
      headerHeight: HEADER_HEIGHT,
      headerPadding: '0 20px',
      bodyBg: BRAND.canvas,
      triggerBg: BRAND.navy,
    },
    Menu: {
      darkItemBg: BRAND.navyDeep,
      darkSubMenuItemBg: BRAND.navyDeep,
      darkItemSelectedBg: BRAND.primary,
      darkItemColor: 'rgba(255, 255, 255, 0.72)',
      darkItemHoverColor: '#ffffff',
      itemBorderRadius: 6,
      itemMarginInline: 8,
      itemHeight: 42,
    },
    Card: { headerFontSize: 15 },
    Table: { headerBg: '#f7f9fc', headerColor: '#4b5563', rowHoverBg: '#f5f8ff' },
    Button: { primaryShadow: 'none' },
  },
};
