/**
 * A feed that cannot be read at all: broken XML, a JSON syntax error, no
 * header. The caller keeps serving the last good catalog; a bad row, by
 * contrast, is skipped and counted and never throws.
 */
export class FeedError extends Error {
  override name = 'FeedError';
}
