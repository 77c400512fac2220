// A retailer's backend minting a session token with plain Node: no tsx, no bundler.
import { mintSessionToken } from '@contoso-voice/gateway/session-token';

const minted = await mintSessionToken(process.argv[2], { site: 'demo', origin: 'https://shop.example', iss: 'site' });
process.stdout.write(JSON.stringify(minted));
