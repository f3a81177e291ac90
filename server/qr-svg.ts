// QR codes are drawn here, on the server, so the widget ships no QR library. The SVG has no scripts and no
// style attributes: the widget shows it as an <img> from a data: URL, which works under a strict CSP.
import QRCode from 'qrcode';

export interface QrImage {
  svg: string;
  width: number;
  height: number;
}

/**
 * Drawing one costs about 1.5 ms of CPU, and the same one is asked for again and again: every second for
 * each widget following a phone check, and for each action on a step that shows one. The last few hundred
 * are kept (a few KB each), the oldest dropped first.
 */
const drawn = new Map<string, QrImage>();
const KEEP = 256;

export async function qrSvg(text: string, size: { width: number; height: number }): Promise<QrImage> {
  const side = Math.min(size.width, size.height);
  const key = `${side} ${text}`;
  const known = drawn.get(key);
  if (known) return known;
  const svg = await QRCode.toString(text, { type: 'svg', width: side, margin: 2, errorCorrectionLevel: 'M' });
  const image = { svg, width: side, height: side };
  if (drawn.size >= KEEP) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, image);
  return image;
}
