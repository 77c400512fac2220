import { CHAT_ICON, CLOSE_ICON } from './launcher-markup.js';

export interface LauncherProps {
  open: boolean;
  label: string;
  /** The microphone is on: the launcher shows a ring, so a closed panel still says it listens. */
  live?: boolean;
  onToggle(): void;
  /** Every press, inside the gesture: a voice-first site unlocks audio here. */
  onDown?(): void;
}

/** The floating button in the widget's corner: opens and closes the panel. The loader draws the same markup before this arrives. */
export function Launcher({ open, label, live, onToggle, onDown }: LauncherProps) {
  return (
    <button type="button" class={live ? 'launcher live' : 'launcher'} aria-label={label} aria-expanded={open ? 'true' : 'false'} onPointerDown={onDown} onClick={onToggle}>
      <svg viewBox="0 0 24 24" aria-hidden="true" width="26" height="26">
        <path d={open ? CLOSE_ICON : CHAT_ICON} fill="currentColor" />
      </svg>
    </button>
  );
}
