import { Component } from 'preact';
import { t } from '../i18n/strings.js';

/** A press held this long is push-to-talk; a shorter one is a tap. */
export const HOLD_MS = 250;

export interface MicButtonProps {
  /** The microphone is open and listened to ($micOn), whatever else is going on: what aria-pressed says. */
  on: boolean;
  /** A tap, Enter, or a short Space: hands-free on or off. */
  onPress(): void;
  /** Every press, inside the gesture: what must run there (unlocking audio) runs here. */
  onDown(): void;
  /** Held past HOLD_MS (pointer or Space): talk until onRelease. */
  onHold(): void;
  onRelease(): void;
}

/**
 * The panel's mic button. A tap toggles hands-free, and aria-pressed says whether the microphone listens; held
 * (pointer or Space), it is push-to-talk, pressed and labelled "Release to send" until let go (or the pointer leaves it).
 */
export class MicButton extends Component<MicButtonProps, { held?: boolean }> {
  #timer?: ReturnType<typeof setTimeout>;
  // The click that ends a hold is not a tap.
  #swallow = false;

  /** Pointer and Space, down and up; the button's own click (on keyup for Space) stays the tap. */
  #on = (e: PointerEvent & KeyboardEvent) => {
    if (e.key ? e.key != ' ' || e.repeat : e.button > 0) return;
    clearTimeout(this.#timer);
    if (e.type.endsWith('down')) {
      this.#swallow = false;
      this.props.onDown();
      this.#timer = setTimeout(() => (this.setState({ held: true }), this.props.onHold()), HOLD_MS);
    } else if (this.state.held) {
      this.#swallow = true;
      this.setState({ held: false });
      this.props.onRelease();
    }
  };

  override render({ on: live, onPress }: MicButtonProps, { held }: { held?: boolean }) {
    const on = this.#on as () => void;
    return (
      <button
        type="button"
        class="mic"
        aria-label={t(held ? 'mic_release' : 'mic')}
        aria-pressed={!!held || live}
        onPointerDown={on}
        onPointerUp={on}
        onPointerLeave={on}
        onPointerCancel={on}
        onKeyDown={on}
        onKeyUp={on}
        onClick={() => (this.#swallow ? (this.#swallow = false) : onPress())}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" width="22" height="22">
          <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z" fill="currentColor" />
        </svg>
      </button>
    );
  }
}
