/** A price as the shop writes it: its currency, in its locale ("1.299,00 €" for de-DE), not the browser's. */
export function formatPrice(p: { price: number; currency: string; locale?: string }): string {
  try {
    return new Intl.NumberFormat(p.locale, { style: 'currency', currency: p.currency }).format(p.price);
  } catch {
    return `${p.price} ${p.currency}`;
  }
}
