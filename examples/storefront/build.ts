/**
 * Builds the Contoso Outdoor demo shop: static pages for home, each category,
 * each product (with schema.org Product JSON-LD) and the cart, from the demo
 * site's catalog, so the shop and the assistant never disagree. Each page
 * loads the assistant with the one script tag a retailer would paste.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCatalog } from '../../packages/gateway/src/catalog/feeds/index.js';
import { buildCatalogIndex } from '../../packages/gateway/src/catalog/search/index.js';
import { DEMO_CATALOG_TEXT } from '../../packages/gateway/src/sites/demo/index.js';
import type { Product } from '../../packages/gateway/src/catalog/types.js';

// The shop's pages come from the demo site's own catalog, read the way the gateway reads it.
const demoCatalog = parseCatalog(DEMO_CATALOG_TEXT, { format: 'contoso-json' }).products;
const demoCategories = buildCatalogIndex(demoCatalog).categories;
const categoryOf = (p: Product) => demoCategories.find((c) => c.name === p.categoryPath.at(-1))!;
const inCategory = (id: string) => demoCatalog.filter((p) => categoryOf(p).id === id);

const OUT = fileURLToPath(new URL('./dist/', import.meta.url));
const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (n: number) => `$${n.toFixed(2)}`;

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Contoso Outdoor</title>
<link rel="stylesheet" href="/assets/shop.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${head}
</head>
<body>
<header class="top">
  <a class="brand" href="/">Contoso Outdoor</a>
  <nav aria-label="Categories">${demoCategories.map((c) => `<a href="/category/${c.id}.html">${esc(c.name)}</a>`).join('')}</nav>
  <a class="cart-link" href="/cart.html">Cart (<span id="cart-count">0</span>)</a>
</header>
<main>
${body}
</main>
<script src="/assets/cart.js"></script>
<script async src="/widget.js" data-site="demo" data-title="Contoso Outdoor assistant" data-greeting="Hi! Planning a trip? Ask me for gear by voice or by typing."></script>
</body>
</html>
`;
}

const tile = (p: Product) => `<li class="tile">
  <a href="/products/${p.id}.html"><img src="${p.image}" alt="" width="220" height="220" loading="lazy"></a>
  <h3><a href="/products/${p.id}.html">${esc(p.name)}</a></h3>
  <span class="price">${money(p.price)}</span> · ${esc(p.brand)}
</li>`;

function productJsonLd(p: Product): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    sku: p.id,
    brand: { '@type': 'Brand', name: p.brand },
    description: p.description,
    image: p.image,
    category: p.categoryPath.join(' > '),
    offers: { '@type': 'Offer', price: p.price.toFixed(2), priceCurrency: p.currency, availability: p.availability === 'out_of_stock' ? 'https://schema.org/OutOfStock' : 'https://schema.org/InStock' },
  };
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}

function write(path: string, html: string) {
  const file = `${OUT}${path}`;
  mkdirSync(file.slice(0, file.lastIndexOf('/')), { recursive: true });
  writeFileSync(file, html);
}

mkdirSync(OUT, { recursive: true });
cpSync(ASSETS, `${OUT}assets`, { recursive: true });

const featured = ['tent-basecamp-4', 'pack-ascent-55', 'bag-ember-20', 'boot-ridgewalker-wp', 'stove-jet-boil', 'light-beam-400'];
write(
  'index.html',
  layout(
    'Gear for every trail',
    `<section class="hero"><h1>Gear for every trail</h1><p>Tents, packs, sleeping bags and boots, chosen by people who sleep outside. Not sure what you need? Tap the microphone and ask.</p></section>
<h2>Shop by category</h2>
<ul class="grid">${demoCategories.map((c) => `<li class="tile"><h3><a href="/category/${c.id}.html">${esc(c.name)}</a></h3>${inCategory(c.id).length} products</li>`).join('')}</ul>
<h2>Trail favourites</h2>
<ul class="grid">${featured.map((id) => tile(demoCatalog.find((p) => p.id === id)!)).join('')}</ul>`,
  ),
);

for (const c of demoCategories) {
  write(`category/${c.id}.html`, layout(c.name, `<h1>${esc(c.name)}</h1><ul class="grid">${inCategory(c.id).map(tile).join('')}</ul>`));
}

for (const p of demoCatalog) {
  const add = esc(JSON.stringify({ id: p.id, name: p.name, price: p.price }));
  write(
    `products/${p.id}.html`,
    layout(
      p.name,
      `<article class="product">
  <img src="${p.image}" alt="${esc(p.name)}" width="380" height="380">
  <div>
    <p><a href="/category/${categoryOf(p).id}.html">${esc(categoryOf(p).name)}</a> · ${esc(p.brand)}</p>
    <h1>${esc(p.name)}</h1>
    <p class="price">${money(p.price)}</p>
    <p>${esc(p.description)}</p>
    <ul class="tags">${p.tags.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>
    <button class="buy" data-add="${add}">Add to cart</button>
  </div>
</article>`,
      productJsonLd(p),
    ),
  );
}

write(
  'cart.html',
  layout('Your cart', `<h1>Your cart</h1><table><thead><tr><th>Item</th><th>Variant</th><th>Qty</th><th>Price</th></tr></thead><tbody id="cart-items"></tbody></table><p>Total: <strong id="cart-total">$0.00</strong></p>`),
);

console.log(`storefront: ${demoCatalog.length + demoCategories.length + 2} pages in ${OUT}`);
