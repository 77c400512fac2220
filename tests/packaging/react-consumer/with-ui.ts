// The assistant with its UI, bundled the same way: the control that shows the check can see Preact when it is there.
import { createVoiceAssistant } from '@contoso-voice/widget';

createVoiceAssistant({ gateway: 'https://shop.example/voice', site: 'acme' }).mount(document.body);
