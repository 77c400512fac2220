/**
 * A shop's own interface on the headless client: the stores drive plain DOM
 * updates, and the shop's buttons call the client.
 */
import { createVoiceClient, type ChatMessage, type ProductCard } from '@contoso-voice/widget/headless';

const gateway = new URLSearchParams(location.search).get('gateway') ?? location.origin;
const client = createVoiceClient({ gateway, site: 'demo' });
client.connect();

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function item(text: string, className = ''): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text;
  li.className = className;
  return li;
}

client.$connection.subscribe((state) => ($('status').textContent = state));
client.$voice.subscribe((state) => ($('voice').textContent = state));
client.$messages.subscribe((messages: readonly ChatMessage[]) => {
  $('messages').replaceChildren(...messages.filter((m) => !m.products).map((m) => item(m.text || '(voice message)', m.role)));
});
client.$products.subscribe((cards: readonly ProductCard[]) => {
  $('cards').replaceChildren(...cards.map((c) => item(`${c.name} — ${c.price} ${c.currency}`)));
});

$('ask').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $<HTMLInputElement>('text');
  if (client.sendText(input.value)) input.value = '';
});
// Audio may only start inside the click.
$('mic').addEventListener('click', () => void client.toggleVoice());
