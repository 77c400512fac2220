import { Component } from 'preact';
import type { ProductCard } from '@contoso-voice/protocol';
import { t } from '../i18n/strings.js';
import { cardHref } from './link-policy.js';
import { formatPrice } from './price.js';

export interface ProductCardProps {
  product: ProductCard;
  /** Resolves true once the page has the item in its cart. */
  onAdd(p: ProductCard): Promise<boolean> | void;
}

/**
 * A suggested product. Its button says in place what happened: adding, then added (or back to its offer when the
 * page could not). It stays focusable throughout (aria-disabled, not disabled), so keyboard focus is not dropped.
 */
export class ProductCardView extends Component<ProductCardProps, { cart?: 'adding' | 'added' }> {
  #add = async () => {
    const { product, onAdd } = this.props;
    if (this.state.cart) return;
    this.setState({ cart: 'adding' });
    const ok = await onAdd(product);
    this.setState({ cart: ok === false ? undefined : 'added' });
  };

  override render({ product }: ProductCardProps, { cart }: { cart?: 'adding' | 'added' }) {
    return (
      <li class="card">
        <img src={product.image} alt="" width="64" height="64" loading="lazy" />
        <div>
          <a href={cardHref(product)} data-id={product.id}>{product.name}</a>
          <span class="price">{formatPrice(product)}</span>
          {product.availability && <small class={product.availability}>{t(product.availability)}</small>}
        </div>
        <button type="button" onClick={this.#add} aria-disabled={!!cart} aria-label={cart ? undefined : t('add_named', { name: product.name })}>
          {cart === 'added' ? `✓ ${t('added')}` : cart ? t('adding') : t('add')}
        </button>
      </li>
    );
  }
}
