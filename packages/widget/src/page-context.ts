/**
 * The product a page describes in schema.org JSON-LD, so the assistant knows
 * what the shopper is looking at without the retailer writing any code.
 */
type Any = Record<string, any>;

function findProduct(node: any): Any | undefined {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.map(findProduct).find(Boolean);
  return [].concat(node['@type']).includes('Product' as never) ? node : findProduct(node['@graph']);
}

export function productFromJsonLd(doc: Document): Record<string, unknown> | null {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const p = findProduct(JSON.parse(script.textContent!));
      if (!p) continue;
      const offer = [].concat(p.offers ?? [])[0] as Any | undefined;
      return { name: p.name, sku: p.sku, url: p.url ?? doc.location.href, price: offer?.price, currency: offer?.priceCurrency };
    } catch {
      // Malformed JSON-LD on the page is the page's problem; the widget goes on without it.
    }
  }
  return null;
}
