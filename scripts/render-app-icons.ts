// `npx tsx scripts/render-app-icons.ts`: the installed app's PNG icons, drawn from app/icon.svg
// by the Chromium the tests use, written once and committed (nothing is drawn or downloaded at
// build time). Run again after changing app/icon.svg.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { launchChromium } from "./lib/launch-chromium";

const icon = readFileSync("app/icon.svg", "utf8");
// Maskable (Android crops it to a circle or squircle): full-bleed blue, the glyph inside the
// middle 80% safe zone; also the Apple touch icon, which iOS rounds itself.
const fullBleed = icon
  .replace(/<rect [^>]*\/>/, '<rect width="32" height="32" fill="#2563eb"/>')
  .replace(/<path /, '<path transform="translate(16 16) scale(0.72) translate(-16 -16)" ');

const outputs: { file: string; svg: string; size: number }[] = [
  { file: "public/icons/icon-192.png", svg: icon, size: 192 },
  { file: "public/icons/icon-512.png", svg: icon, size: 512 },
  { file: "public/icons/maskable-512.png", svg: fullBleed, size: 512 },
  { file: "app/apple-icon.png", svg: fullBleed, size: 180 },
];

async function main() {
  mkdirSync("public/icons", { recursive: true });
  const browser = await launchChromium();
  try {
    for (const { file, svg, size } of outputs) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const sized = svg.replace("<svg ", `<svg width="${size}" height="${size}" `);
      await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
      writeFileSync(file, await page.locator("svg").screenshot({ omitBackground: true }));
      await page.close();
      console.log(`wrote ${file} (${size}×${size})`);
    }
  } finally {
    await browser.close();
  }
}

void main();
