import type { ProductCard } from '@contoso-voice/protocol';

const price = (p: ProductCard) => {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: p.currency }).format(p.price);
  } catch {
    return `${p.price} ${p.currency}`;
  }
};

export function ProductCardView({ product, onAdd }: { product: ProductCard; onAdd(p: ProductCard): void }) {
  return (
    <li class="card">
      <img src={product.image} alt="" width="64" height="64" loading="lazy" />
      <div>
        <a href={product.url}>{product.name}</a>
        {price(product)}
        <small>{product.reason}</small>
      </div>
      <button type="button" onClick={() => onAdd(product)} aria-label={`Add to cart: ${product.name}`}>
        Add to cart
      </button>
    </li>
  );
}
