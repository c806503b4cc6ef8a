import "server-only";
import QRCode from "qrcode";

/**
 * The otpauth URI as an SVG QR code, drawn on the server: it shows without JavaScript and needs no
 * image request, so the page's CSP (no inline script, images only from 'self') is enough.
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, width: 200 });
}
