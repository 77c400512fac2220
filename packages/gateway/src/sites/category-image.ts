/**
 * Product images for the demo: one flat illustration per category, drawn
 * here as SVG so the demo ships no binary assets.
 */
const SHAPES: Record<string, { bg: string; fg: string; path: string }> = {
  tents: { bg: '#dfeee2', fg: '#2f6b3f', path: 'M20 96 L64 28 L108 96 Z M64 28 L64 96 M52 96 L64 70 L76 96' },
  backpacks: { bg: '#e8e4f3', fg: '#4b3f8c', path: 'M40 40 Q40 26 64 26 Q88 26 88 40 L92 100 L36 100 Z M48 62 L80 62 L80 84 L48 84 Z' },
  'sleeping-bags': { bg: '#e3edf6', fg: '#2d5f8a', path: 'M34 40 Q34 24 64 24 Q94 24 94 40 L90 104 L38 104 Z M46 44 Q64 34 82 44' },
  'hiking-clothing': { bg: '#f6e6dc', fg: '#9a4a1f', path: 'M40 30 L56 24 Q64 34 72 24 L88 30 L104 56 L90 62 L86 52 L86 104 L42 104 L42 52 L38 62 L24 56 Z' },
  'hiking-footwear': { bg: '#efe9dc', fg: '#6b4e1f', path: 'M30 40 L58 40 L60 70 Q84 72 98 84 L98 98 L30 98 Z M30 90 L98 90' },
  'camping-tables': { bg: '#e6efe9', fg: '#36584a', path: 'M22 50 L106 50 L106 60 L22 60 Z M34 60 L26 100 M94 60 L102 100 M40 60 L88 96 M88 60 L40 96' },
  'camping-stoves': { bg: '#f7e3e0', fg: '#a23b2a', path: 'M34 78 L94 78 L94 100 L34 100 Z M44 78 Q44 58 54 50 Q56 62 64 64 Q62 46 74 36 Q76 58 84 62 Q86 70 84 78' },
  lighting: { bg: '#f8f1d8', fg: '#8a6d12', path: 'M50 44 L78 44 L74 86 L54 86 Z M56 86 L72 86 L72 100 L56 100 Z M64 20 L64 32 M36 30 L44 40 M92 30 L84 40' },
};

export function categoryImageSvg(category: string): string | null {
  const s = SHAPES[category];
  if (!s) return null;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" role="img" aria-label="${category}"><rect width="128" height="128" rx="16" fill="${s.bg}"/><path d="${s.path}" fill="none" stroke="${s.fg}" stroke-width="5" stroke-linejoin="round" stroke-linecap="round"/></svg>`;
}
