import type { Tool } from './types.js';

export const storePolicyTool: Tool = {
  name: 'get_store_policy',
  description: "Get the shop's shipping or returns policy text.",
  parameters: {
    type: 'object',
    properties: { topic: { type: 'string', enum: ['shipping', 'returns'], description: 'Which policy.' } },
    required: ['topic'],
    additionalProperties: false,
  },
  run(args, { site }) {
    const topic = args.topic as 'shipping' | 'returns';
    return { output: { topic, policy: site.policies[topic] } };
  },
};
