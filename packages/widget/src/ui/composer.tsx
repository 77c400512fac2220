import type { RefObject } from 'preact';

export function Composer({ onSend, inputRef }: { onSend(text: string): boolean; inputRef: RefObject<HTMLInputElement | null> }) {
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        const input = inputRef.current!;
        if (onSend(input.value)) input.value = '';
      }}
    >
      <input ref={inputRef} type="text" name="text" autocomplete="off" maxLength={2000} placeholder="Ask about gear…" aria-label="Message" />
      <button type="submit">Send</button>
    </form>
  );
}
