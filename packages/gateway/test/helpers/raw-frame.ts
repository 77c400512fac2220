/**
 * Sends one hand-made WebSocket frame over a raw TCP socket, for input no
 * well-behaved client library will produce (invalid UTF-8 in a text frame).
 * Resolves with the server's answer: a close code, or the code of a
 * gateway.error, whichever comes first.
 */
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';

export type RawFrameAnswer = { close: number } | { error: string };

export function sendRawFrameAndReadAnswer(port: number, path: string, opcode: number, payload: Buffer): Promise<RawFrameAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', reject);
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!buffer.subarray(0, end).toString().startsWith('HTTP/1.1 101')) return reject(new Error('no upgrade'));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        const mask = randomBytes(4);
        const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
        socket.write(Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]));
      }
      // Skip server data frames until a close frame (opcode 8) or a gateway.error arrives.
      while (buffer.length >= 2) {
        const op = buffer[0]! & 0x0f;
        let len = buffer[1]! & 0x7f;
        let offset = 2;
        if (len === 126) {
          if (buffer.length < 4) return;
          len = buffer.readUInt16BE(2);
          offset = 4;
        } else if (len === 127) {
          if (buffer.length < 10) return;
          len = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + len) return;
        if (op === 8) {
          socket.destroy();
          return resolve({ close: len >= 2 ? buffer.readUInt16BE(offset) : 1005 });
        }
        if (op === 1) {
          const event = JSON.parse(buffer.subarray(offset, offset + len).toString());
          if (event.type === 'gateway.error') {
            socket.destroy();
            return resolve({ error: event.code });
          }
        }
        buffer = buffer.subarray(offset + len);
      }
    });
  });
}
