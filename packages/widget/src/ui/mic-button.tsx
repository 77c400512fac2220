/** The floating toggle: its label stays put and aria-pressed says whether the microphone is on. */
export function MicButton({ voice, level, onPress }: { voice: string; level: number; onPress(): void }) {
  return (
    <button
      type="button"
      class={`mic ${voice}`}
      aria-label="Voice assistant"
      aria-pressed={voice !== 'idle'}
      style={`--level:${Math.min(1, level * 8).toFixed(2)}`}
      onClick={onPress}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" width="26" height="26">
        <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 6-6.9z" fill="currentColor" />
      </svg>
    </button>
  );
}
