/**
 * Base64 for the audio hot path. Node and Workers (with nodejs_compat) have a
 * native Buffer that is several times faster than atob; the portable codecs
 * from the protocol package are the fallback.
 */
import { base64ToBytes as portableDecode, bytesToBase64 as portableEncode } from '@contoso-voice/protocol';

interface BufferLike {
  from(data: string, encoding: 'base64'): Uint8Array;
  from(data: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64'): string };
}
const NativeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Throws on input that is not base64, like atob, rather than skipping bad characters as Buffer does. */
export function base64ToBytes(text: string): Uint8Array {
  if (!NativeBuffer) return portableDecode(text);
  if (text.length % 4 === 1 || !BASE64.test(text)) throw new Error('invalid base64');
  return NativeBuffer.from(text, 'base64');
}

/** For base64 from the upstream service, which is trusted to send well-formed audio: skips the check. */
export function trustedBase64ToBytes(text: string): Uint8Array {
  return NativeBuffer ? NativeBuffer.from(text, 'base64') : portableDecode(text);
}

export function bytesToBase64(bytes: Uint8Array): string {
  return NativeBuffer ? NativeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') : portableEncode(bytes);
}
