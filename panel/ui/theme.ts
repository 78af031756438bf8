// Follows Premiere's interface brightness: the host skin's panel background colour decides the
// palette (Premiere's brightness slider goes from near-black to light grey), and the
// ThemeColorChanged event re-applies it live.

/// <reference lib="dom" />
import type { CepAppSkinInfo, CepRGBColor } from '../cep/csinterface';

export interface ThemeVars {
  bg: string;
  raised: string;
  sunken: string;
  border: string;
  fg: string;
  dim: string;
  accent: string;
  fontFamily: string;
  fontSize: string;
  scheme: 'dark' | 'light';
}

const FALLBACK_BG: CepRGBColor = { red: 35, green: 35, blue: 35 };
const FALLBACK_ACCENT = '#2d8ceb';

function clamp255(n: number): number {
  return Math.max(0, Math.min(255, Math.round(n)));
}

function hex(c: CepRGBColor): string {
  return '#' + [c.red, c.green, c.blue].map((v) => clamp255(v).toString(16).padStart(2, '0')).join('');
}

function shift(c: CepRGBColor, amount: number): CepRGBColor {
  return { red: c.red + amount, green: c.green + amount, blue: c.blue + amount };
}

/** Relative luminance 0..1 (sRGB, WCAG formula). */
export function luminance(c: CepRGBColor): number {
  const lin = (v: number): number => {
    const s = clamp255(v) / 255;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.red) + 0.7152 * lin(c.green) + 0.0722 * lin(c.blue);
}

export function themeFromSkin(skin: CepAppSkinInfo | null | undefined): ThemeVars {
  const bg = skin?.panelBackgroundColor?.color ?? FALLBACK_BG;
  const dark = luminance(bg) < 0.25;
  const hl = skin?.systemHighlightColor;
  // Premiere's base font size is small (10–11 px); 12 px keeps the list readable in a narrow panel.
  const size = Math.max(12, Math.min(16, skin?.baseFontSize ?? 12));
  return {
    bg: hex(bg),
    raised: hex(shift(bg, dark ? 12 : -14)),
    sunken: hex(shift(bg, dark ? -10 : 16)),
    border: hex(shift(bg, dark ? 34 : -48)),
    fg: dark ? '#e6e6e6' : '#1d1d1d',
    dim: dark ? '#a9a9a9' : '#4a4a4a',
    accent: hl && luminance(hl) > 0.02 ? hex(hl) : FALLBACK_ACCENT,
    fontFamily: skin?.baseFontFamily ? `"${skin.baseFontFamily}", system-ui, sans-serif` : 'system-ui, "Segoe UI", "Helvetica Neue", Arial, sans-serif',
    fontSize: `${size}px`,
    scheme: dark ? 'dark' : 'light',
  };
}

export function applyTheme(vars: ThemeVars, root: HTMLElement = document.documentElement): void {
  root.style.setProperty('--bg', vars.bg);
  root.style.setProperty('--raised', vars.raised);
  root.style.setProperty('--sunken', vars.sunken);
  root.style.setProperty('--border', vars.border);
  root.style.setProperty('--fg', vars.fg);
  root.style.setProperty('--dim', vars.dim);
  root.style.setProperty('--accent', vars.accent);
  root.style.setProperty('--font', vars.fontFamily);
  root.style.setProperty('--font-size', vars.fontSize);
  root.dataset.scheme = vars.scheme;
  root.style.colorScheme = vars.scheme;
}
