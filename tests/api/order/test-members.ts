/**
 * The member each test orders for. Tests run in parallel and may rerun against a platform that
 * is still up, so no two tests share a member: a member's order list then holds only one test's
 * orders, newest first, above whatever earlier runs left there.
 */
export const members = {
  placesOrder: 101,
  pricedBelowThreshold: 102,
  pricedAboveThreshold: 103,
  keepsDeliveryDetails: 104,
  ownerReads: 110,
  intruder: 111,
  ownerLists: 112,
  idempotentReplay: 120,
  idempotentKeyOrder: 121,
  idempotentConflict: 122,
  paginatesAcrossShards: 130,
  paginatesWhileInserting: 131,
  foreignCursor: 132,
  cursorOwner: 133,
  cancels: 140,
  cancelsTwice: 141,
  eventsOfCancelled: 150,
  eventsRetried: 151,
} as const;

const ids = Object.values(members);
if (new Set(ids).size !== ids.length) throw new Error("test-members.ts: two tests share a member");
