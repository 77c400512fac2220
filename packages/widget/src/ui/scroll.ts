/**
 * Where the conversation scrolls when it changes: to the end, unless that
 * would push the newest question out of view; then the question stays at the
 * top, with its answer and the first card under it, and the shopper scrolls
 * on from there.
 */
export function keepQuestionInView(list: HTMLElement) {
  const questions = list.querySelectorAll('.msg.user');
  const question = questions[questions.length - 1];
  const end = list.scrollHeight - list.clientHeight;
  if (!question) return void (list.scrollTop = end);
  const top = question.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop - 8;
  list.scrollTop = Math.min(end, top);
}
