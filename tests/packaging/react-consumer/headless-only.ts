// A shop that draws its own UI: the client alone. Bundled, this must not pull in Preact.
import { createVoiceClient } from '@contoso-voice/widget/headless';

export const client = createVoiceClient({ gateway: 'https://shop.example/voice', site: 'acme' });
client.$connection.subscribe((state) => document.body.setAttribute('data-voice', state));
