/**
 * The main thread's side of playback: sends audio to the ring-buffer worklet
 * by transfer, counts what was received per item, and learns from the
 * worklet what was played.
 */
import { loadWorklet } from './worklet-loader.js';

type Report = { t: 'played'; item: string | null; played: number; level: number; playing: boolean } | { t: 'flushed'; item: string | null; played: number };

export interface Player {
  push(item: string, pcm: ArrayBuffer): void;
  end(item: string): void;
  /** Stops playback within one render quantum; resolves with what the playing item had played. */
  flush(): Promise<{ item: string | null; played: number }>;
  received(item: string): number;
  played(item: string): number;
  close(): void;
}

export async function createPlayer(ctx: AudioContext, workletUrl: string, onState: (playing: boolean, level: number) => void): Promise<Player> {
  await loadWorklet(ctx, workletUrl);
  const node = new AudioWorkletNode(ctx, 'contoso-playback', { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1] });
  node.connect(ctx.destination);
  const received = new Map<string, number>();
  const played = new Map<string, number>();
  let onFlushed: ((r: { item: string | null; played: number }) => void) | null = null;
  node.port.onmessage = (e: MessageEvent<Report>) => {
    const r = e.data;
    if (r.item) played.set(r.item, r.played);
    if (r.t === 'flushed') {
      onFlushed?.(r);
      onFlushed = null;
      onState(false, 0);
    } else onState(r.playing, r.level);
  };
  return {
    push(item, pcm) {
      received.set(item, (received.get(item) ?? 0) + pcm.byteLength / 2);
      node.port.postMessage({ t: 'push', item, pcm }, [pcm]);
    },
    end: (item) => node.port.postMessage({ t: 'end', item }),
    flush: () =>
      new Promise((resolve) => {
        onFlushed = resolve;
        node.port.postMessage({ t: 'flush' });
      }),
    received: (item) => received.get(item) ?? 0,
    played: (item) => played.get(item) ?? 0,
    close() {
      node.disconnect();
    },
  };
}
