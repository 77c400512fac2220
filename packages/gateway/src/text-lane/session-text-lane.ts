/** A new session's text lane: the site's text model and settings, with the site's budget level for the cheaper model. */
import type { GatewayConfig } from '../config.js';
import type { SiteConfig } from '../sites/types.js';
import type { GatewayUsage } from '../usage/gateway-usage.js';
import { localTextModel } from '../upstream/local/text-model.js';
import type { TextLaneSetup } from './model-lanes.js';
import type { TextModel } from './text-model.js';

// Without a runtime's factory only the local engine, which needs no credentials, can serve a site's typed turns.
const localOnly = new Map<string, TextModel>();
function defaultModel(site: SiteConfig): TextModel | null {
  if (site.textModel?.provider !== 'local') return null;
  let model = localOnly.get(site.id);
  if (!model) localOnly.set(site.id, (model = localTextModel(site.textModel.model)));
  return model;
}

export function textLaneFor(config: GatewayConfig, site: SiteConfig, usage: GatewayUsage | undefined): TextLaneSetup | undefined {
  if (!site.textModel) return undefined;
  const model = (config.textModels ?? defaultModel)(site);
  if (!model) return undefined;
  const ledger = site.budget ? usage?.ledger : undefined;
  return {
    model,
    settings: site.textModel,
    ...(ledger ? { budgetLevel: () => ledger.state(site.id).then((s) => s.level) } : {}),
  };
}
