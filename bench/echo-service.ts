/**
 * The bench's stand-in for the Realtime service, in its own process: wss on
 * 127.0.0.1 that answers every input_audio_buffer.append at once with a
 * response.output_audio.delta carrying the same audio. Prints its port.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const server = createServer({ cert: readFileSync(process.env.CERT_FILE!), key: readFileSync(process.env.KEY_FILE!) });
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'session.created', event_id: 'event_0', session: { type: 'realtime' } }));
  let n = 0;
  ws.on('message', (data) => {
    const text = data.toString();
    // Appends are answered without a full JSON parse, so the stand-in service costs as little CPU as it can:
    // on this shared machine, every cycle it spends is one the gateway cannot use.
    const at = text.indexOf('"audio":"');
    if (text.startsWith('{"type":"input_audio_buffer.append"') && at > 0) {
      const audio = text.slice(at + 9, text.indexOf('"', at + 9));
      ws.send(`{"type":"response.output_audio.delta","event_id":"event_${n++}","response_id":"resp_bench","item_id":"item_bench","output_index":0,"content_index":0,"delta":"${audio}"}`);
      return;
    }
    const event = JSON.parse(text);
    if (event.type === 'session.update') ws.send(JSON.stringify({ type: 'session.updated', event_id: `event_u${n++}`, session: { type: 'realtime' } }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
