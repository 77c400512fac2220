import type { Tool } from './types.js';
import type { StorePolicies } from '../sites/types.js';

/** The policy tool of a site: its topics are the ones the retailer wrote. */
export function storePolicyTool(policies: StorePolicies): Tool {
  const topics = Object.keys(policies);
  return {
    name: 'get_store_policy',
    description: `Get the text of one of the shop's policies (${topics.join(', ')}).`,
    parameters: {
      type: 'object',
      properties: { topic: { type: 'string', enum: topics, description: 'Which policy.' } },
      required: ['topic'],
      additionalProperties: false,
    },
    run(args, { site }) {
      const topic = args.topic as string;
      return { output: Object.hasOwn(site.policies, topic) ? { topic, policy: site.policies[topic] } : { error: `no policy on "${topic}"` } };
    },
  };
}
