import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The QR drawn here, in the browser, from the string Baileys issued: it never travels as
 * an image. SVG, so it stays sharp at any size; always dark on white, which phones read
 * best, in dark mode too.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(value, {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
      color: { dark: '#000000', light: '#ffffff' },
    })
      .then((markup) => live && setSvg(markup))
      .catch(() => live && setSvg(null));
    return () => {
      live = false;
    };
  }, [value]);
  return (
    <div className="qr" role="img" aria-label={label}>
      {svg ? (
        <div className="qr__image" dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <span className="spinner" aria-hidden="true" />
      )}
    </div>
  );
}
