import { useEffect, useState } from 'react';
import { Skeleton } from 'antd';

/** A QR code drawn as SVG in the browser; the qrcode library loads only when one is needed. */
export function QrCode({ value, size = 184, alt }: { value: string; size?: number; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then(async ({ default: QR }) => {
      const svg = await QR.toString(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => { live = false; };
  }, [value]);
  if (!src) return <Skeleton.Node active style={{ width: size, height: size }} />;
  return <img src={src} width={size} height={size} alt={alt} style={{ display: 'block', imageRendering: 'pixelated' }} />;
}
