/**
 * The session's hook: its one model link, or, for a site that names a text
 * model, the two lanes behind the same interface (lane-switch.ts).
 */
import type { Logger } from '../log.js';
import { upstreamLink, type UpstreamLinkOptions } from '../session/upstream-link.js';
import { laneSwitch } from './lane-switch.js';
import type { SiteTextModel } from './site-text-model.js';
import type { TextModel } from './text-model.js';
import { textUsage } from './text-usage.js';

export type BudgetLevel = 'ok' | 'near' | 'exhausted';

/** What a session needs for its text lane; see text-models.ts for how the runtime makes one. */
export interface TextLaneSetup {
  model: TextModel;
  settings: SiteTextModel;
  /** The site's budget: near or at its cap, typed turns go to `settings.budgetModel` when the site names one. */
  budgetLevel?(): BudgetLevel | Promise<BudgetLevel>;
}

/** Where a text answer's usage goes: the conversation's meter and budgets (usage/conversation-spend.ts `record`), which log `usage.response`. */
export type RecordTextUsage = (model: string, usage: unknown) => void;

/** Without `record`, text answers are priced with the default table for the log line only. */
export function modelLanes(link: UpstreamLinkOptions, siteId: string, lane: TextLaneSetup | undefined, record?: RecordTextUsage) {
  if (!lane) return upstreamLink(link);
  const log: Logger = link.log;
  let cheaper = false;
  let level: BudgetLevel = 'ok';
  // The ledger answers asynchronously: a turn uses the level the previous look-up found.
  const lookUp = () =>
    Promise.resolve(lane.budgetLevel?.() ?? 'ok').then(
      (l) => (level = l),
      () => undefined,
    );
  void lookUp();
  const modelName = () => {
    void lookUp();
    const useCheaper = !!lane.settings.budgetModel && level !== 'ok';
    if (useCheaper !== cheaper) {
      cheaper = useCheaper;
      log('text_lane.model', { session: link.sessionId, site: siteId, model: useCheaper ? lane.settings.budgetModel : lane.settings.model, budget: level });
    }
    return useCheaper ? lane.settings.budgetModel! : lane.settings.model;
  };
  return laneSwitch({
    link,
    model: lane.model,
    settings: lane.settings,
    modelName,
    usage: record ?? textUsage({ log, sessionId: link.sessionId, siteId }),
  });
}
