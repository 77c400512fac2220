/**
 * A client of the wire protocol with only @contoso-voice/protocol installed.
 * The `@ts-expect-error` lines fail the check if the types are `any`.
 */
import { CLOSE_CODES, type ErrorCode, type ProductCard, type ServerEvent } from '@contoso-voice/protocol';

export function describeEvent(event: ServerEvent): string {
  switch (event.type) {
    case 'gateway.products':
      return event.products.map((p: ProductCard) => `${p.name}: ${p.price} ${p.currency}`).join(', ');
    case 'response.output_text.delta':
      return event.delta;
    default:
      return event.type;
  }
}

export const normalClose: number = CLOSE_CODES.normal;

// @ts-expect-error a ProductCard is an object, not a number
export const notACard: ProductCard = 123;

// @ts-expect-error not one of the gateway's error codes
export const notACode: ErrorCode = 'no_such_code';

// @ts-expect-error a text delta carries a string
export const badDelta = (e: Extract<ServerEvent, { type: 'response.output_text.delta' }>): number => e.delta;
