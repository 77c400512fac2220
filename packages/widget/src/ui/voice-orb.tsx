import { Component, createRef } from 'preact';
import type { ReadableAtom } from 'nanostores';
import { t, type MessageKey } from '../i18n/strings.js';

export interface VoiceOrbProps {
  /** The live state ($voice); nothing is drawn while idle. */
  state: string;
  $input: ReadableAtom<number>;
  $output: ReadableAtom<number>;
}

/**
 * One glance says who has the turn: the orb swells with the shopper's voice
 * while listening, with the answer's while speaking, and pulses while
 * thinking or connecting; the label says it in words. The levels are drawn
 * straight into a CSS variable, so 50 frames a second re-render nothing.
 */
export class VoiceOrb extends Component<VoiceOrbProps> {
  #off: (() => void)[] = [];
  #el = createRef<HTMLDivElement>();

  #draw = () => {
    const { state, $input, $output } = this.props;
    const level = state === 'assistant_speaking' ? $output.get() : /listening|user_speaking/.test(state) ? $input.get() : 0;
    this.#el.current?.style.setProperty('--level', Math.min(1, level * 8).toFixed(2));
  };

  override componentDidMount() {
    this.#off = [this.props.$input.listen(this.#draw), this.props.$output.listen(this.#draw)];
  }

  override componentDidUpdate() {
    this.#draw();
  }

  override componentWillUnmount() {
    this.#off.forEach((off) => off());
  }

  override render({ state }: VoiceOrbProps) {
    if (state === 'idle') return null;
    return (
      <div ref={this.#el} class={`live ${state}`} role="status">
        <span class="orb" aria-hidden="true" />
        {t(`state_${state}` as MessageKey)}
      </div>
    );
  }
}
