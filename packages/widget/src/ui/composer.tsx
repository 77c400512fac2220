import { Component, type ComponentChildren, type RefObject } from 'preact';
import { t } from '../i18n/strings.js';

export interface ComposerProps {
  onSend(text: string): boolean;
  inputRef: RefObject<HTMLInputElement | null>;
  /** The longest message the session takes; the count shows from 90 % of it, and more is refused, never cut. */
  max: number;
  /** The mic button, beside the input. */
  children?: ComponentChildren;
}

export class Composer extends Component<ComposerProps, { n: number }> {
  override state = { n: 0 };

  #submit = (e: Event) => {
    e.preventDefault();
    const input = this.props.inputRef.current!;
    if (input.value.trim().length <= this.props.max && this.props.onSend(input.value)) {
      input.value = '';
      this.setState({ n: 0 });
    } else input.focus();
  };

  override render({ inputRef, max, children }: ComposerProps, { n }: { n: number }) {
    const over = n > max;
    return (
      <form class="composer" onSubmit={this.#submit}>
        <input
          ref={inputRef}
          type="text"
          name="text"
          autocomplete="off"
          placeholder={t('placeholder')}
          aria-label={t('message')}
          aria-invalid={over}
          aria-describedby={n > max * 0.9 ? 'cv-count' : undefined}
          onInput={(e) => this.setState({ n: e.currentTarget.value.trim().length })}
        />
        {children}
        <button type="submit">{t('send')}</button>
        {n > max * 0.9 && (
          <output id="cv-count" class={over ? 'count over' : 'count'}>
            {t(over ? 'too_long' : 'count', { n: n.toLocaleString(), max: max.toLocaleString() })}
          </output>
        )}
      </form>
    );
  }
}
