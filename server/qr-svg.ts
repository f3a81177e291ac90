// QR codes are drawn here, on the server, so the widget ships no QR library. The SVG has no scripts and no
// style attributes: the widget shows it as an <img> from a data: URL, which works under a strict CSP.
import QRCode from 'qrcode';

export interface QrImage {
  svg: string;
  width: number;
  height: number;
}

export async function qrSvg(text: string, size: { width: number; height: number }): Promise<QrImage> {
  const side = Math.min(size.width, size.height);
  const svg = await QRCode.toString(text, { type: 'svg', width: side, margin: 2, errorCorrectionLevel: 'M' });
  return { svg, width: side, height: side };
}
