// Reads a QR code from a PNG screenshot, as a phone camera would.
import jsqrModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is a CommonJS bundle typed as an ES module: take the function from wherever the loader put it.
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = ((jsqrModule as unknown as { default?: JsQr }).default ?? jsqrModule) as unknown as JsQr;

export function decodeQr(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
