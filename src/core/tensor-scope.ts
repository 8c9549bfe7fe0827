// The list the innermost `tidy` scope collects the tensors created while it runs into (see core/tidy.ts). It
// lives apart from both so that Tensor's constructor can reach it without importing tidy.
import type { Tensor } from './tensor.js';

let tracked: Tensor[] | null = null;

/** The innermost tidy scope's list of created tensors, or null outside any. */
export function trackingList(): Tensor[] | null {
  return tracked;
}

/** Sets the list created tensors go to (null: none); returns the previous one. */
export function setTrackingList(list: Tensor[] | null): Tensor[] | null {
  const previous = tracked;
  tracked = list;
  return previous;
}
